#!/usr/bin/env node
'use strict';
// The workspace package's entry: the same program as the repository's bin.
require('../../bin/cognito-guard-ls.js');
