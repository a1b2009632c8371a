env = "dev" # the stage this variable file sets
