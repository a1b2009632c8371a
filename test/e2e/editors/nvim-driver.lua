-- cognito-guard in a real Neovim (0.7.2 or later), headless, driven through Neovim's own LSP client.
--
--   CG_SERVER=bin/cognito-guard-ls.js CG_OUT=result.json CG_RULE=CG101 \
--     nvim --headless -n -i NONE -u nvim-driver.lua FILE < /dev/null
--
-- What a user does, step by step, through the stock entry points: the built-in client starts the server
-- over stdio, diagnostics land in vim.diagnostic, `vim.lsp.buf.hover()` opens the hover float (its lines are
-- read back), `vim.lsp.buf.code_action()` asks for the actions on the cursor line and hands them to
-- `vim.ui.select` (replaced here by a chooser that picks the action the server marked isPreferred, as a
-- user would), `:write` saves. The test then waits for the diagnostics without the rule.
-- Every wait is for an event; vim.defer_fn is used only for the global timeout.
-- The result (steps with times, checks, what was seen) goes to CG_OUT as JSON; test/e2e/editors/check.js
-- judges it together with the file on disk. Exit status: 0 when every check in here passed, 1 otherwise.

local function env(name, default)
  local v = os.getenv(name)
  if v == nil or v == '' then
    return default
  end
  return v
end

local server = assert(os.getenv('CG_SERVER'), 'set CG_SERVER to bin/cognito-guard-ls.js')
local outfile = assert(os.getenv('CG_OUT'), 'set CG_OUT to the result JSON path')
local rule = env('CG_RULE', 'CG101')
local timeout_ms = tonumber(env('CG_TIMEOUT_MS', '20000'))

vim.lsp.set_log_level(env('CG_LSP_LOG_LEVEL', 'debug')) -- the log is kept as an artifact

local t0 = vim.loop.hrtime()
local function ms()
  return math.floor((vim.loop.hrtime() - t0) / 1e6)
end

local out = {
  editor = 'neovim',
  editor_version = tostring(vim.version().major .. '.' .. vim.version().minor .. '.' .. vim.version().patch),
  rule = rule,
  steps = {},
  checks = {},
  messages = {},
  publishes = 0,
}
local state = { done = false, saved = false, bufnr = nil, client_id = nil, uri = nil }

local function step(name, data)
  table.insert(out.steps, { t_ms = ms(), step = name, data = data })
end

local function check(name, ok, detail)
  table.insert(out.checks, { name = name, ok = ok and true or false, detail = (not ok) and detail or nil })
  return ok
end

local function finish(ok, err)
  if state.done then
    return
  end
  state.done = true
  for _, c in ipairs(out.checks) do
    if not c.ok then
      ok = false
      err = err or ('check failed: ' .. c.name)
    end
  end
  out.ok = ok and true or false
  out.error = err
  out.total_ms = ms()
  if state.bufnr and vim.api.nvim_buf_is_valid(state.bufnr) then
    out.final_text = table.concat(vim.api.nvim_buf_get_lines(state.bufnr, 0, -1, false), '\n') .. '\n'
    out.modified_after_save = vim.api.nvim_buf_get_option(state.bufnr, 'modified')
  end
  step('finish', { ok = out.ok, error = err })
  local f = assert(io.open(outfile, 'w'))
  f:write(vim.fn.json_encode(out))
  f:close()
  if state.client_id then
    vim.lsp.stop_client(state.client_id)
  end
  vim.cmd(out.ok and 'qall!' or 'cquit!')
end

-- Anything that goes wrong inside a callback fails the run at once instead of waiting for the timeout.
local function guarded(fn)
  return function(...)
    local args = { ... }
    local ok, e = xpcall(function()
      return fn(unpack(args))
    end, debug.traceback)
    if not ok then
      finish(false, 'error: ' .. tostring(e))
    end
  end
end

vim.defer_fn(function()
  finish(false, 'timeout after ' .. timeout_ms .. ' ms')
end, timeout_ms)

-- Messages the user would see, and the server's log messages.
local notify = vim.notify
vim.notify = function(msg, level, opts)
  table.insert(out.messages, { t_ms = ms(), via = 'vim.notify', level = level, message = tostring(msg) })
  if tostring(msg):match('No code actions available') then
    vim.schedule(function()
      finish(false, 'Neovim says: ' .. tostring(msg))
    end)
  end
  return notify(msg, level, opts)
end

local function summary(d)
  return {
    code = d.code,
    source = d.source,
    severity = d.severity,
    message = d.message,
    line = d.range.start.line,
    character = d.range.start.character,
    end_line = d.range['end'].line,
    end_character = d.range['end'].character,
  }
end

local function codes(diags)
  local list = {}
  for _, d in ipairs(diags) do
    table.insert(list, d.code)
  end
  table.sort(list)
  return list
end

local function find_rule(diags)
  for _, d in ipairs(diags) do
    if d.code == rule then
      return d
    end
  end
end

-- Byte column in the buffer for an LSP (UTF-16) position.
local function byte_col(bufnr, pos)
  local line = vim.api.nvim_buf_get_lines(bufnr, pos.line, pos.line + 1, false)[1] or ''
  local ok, col = pcall(vim.str_byteindex, line, pos.character, true)
  return ok and col or pos.character
end

local start_code_actions -- forward

local function after_first_diagnostics(diag)
  -- What Neovim itself holds for the diagnostic (vim.diagnostic, 0-based line, byte column).
  local held
  for _, d in ipairs(vim.diagnostic.get(state.bufnr)) do
    if d.code == rule then
      held = { lnum = d.lnum, col = d.col, end_lnum = d.end_lnum, end_col = d.end_col, source = d.source }
    end
  end
  out.vim_diagnostic = held
  check('vim.diagnostic holds ' .. rule, held ~= nil, vim.inspect(vim.diagnostic.get(state.bufnr)))
  if held then
    check(
      'vim.diagnostic position equals the LSP position',
      held.lnum == diag.range.start.line and held.col == byte_col(state.bufnr, diag.range.start),
      vim.inspect(held)
    )
  end
  -- Hover where the diagnostic starts, as `K` would.
  vim.api.nvim_win_set_cursor(0, { diag.range.start.line + 1, byte_col(state.bufnr, diag.range.start) })
  state.phase = 'hover'
  step('hover requested', { line = diag.range.start.line, character = diag.range.start.character })
  vim.lsp.buf.hover()
end

local on_hover = guarded(function(err, result, ctx, config)
  if state.phase ~= 'hover' then
    return
  end
  state.phase = 'hovered'
  if err then
    return finish(false, 'hover error: ' .. vim.inspect(err))
  end
  local contents = result and result.contents
  out.hover = {
    kind = type(contents) == 'table' and contents.kind or vim.NIL,
    value = type(contents) == 'table' and (contents.value or vim.inspect(contents)) or tostring(contents),
  }
  -- The stock handler draws the float; read back what the user would see in it.
  local ok, fbuf, fwin = pcall(vim.lsp.handlers['textDocument/hover'], err, result, ctx, config)
  if ok and fbuf and vim.api.nvim_buf_is_valid(fbuf) then
    out.hover.rendered = table.concat(vim.api.nvim_buf_get_lines(fbuf, 0, -1, false), '\n')
    if fwin and vim.api.nvim_win_is_valid(fwin) then
      vim.api.nvim_win_close(fwin, true)
    end
  else
    out.hover.rendered = vim.NIL
    out.hover.render_error = tostring(fbuf)
  end
  step('hover', out.hover)
  check('hover float shown', type(out.hover.rendered) == 'string' and #out.hover.rendered > 0, out.hover.render_error)
  vim.schedule(guarded(start_code_actions))
end)

-- vim.ui.select stands in for the user: pick the action the server marked preferred.
vim.ui.select = guarded(function(items, opts, on_choice)
  if opts.kind ~= 'codeaction' then
    return on_choice(nil)
  end
  local listed, chosen = {}, nil
  for _, item in ipairs(items) do
    local a = item[2]
    local diag_codes = {}
    for _, d in ipairs(a.diagnostics or {}) do
      table.insert(diag_codes, d.code)
    end
    local version = vim.NIL
    if a.edit and a.edit.documentChanges and a.edit.documentChanges[1] then
      version = a.edit.documentChanges[1].textDocument.version
    end
    table.insert(listed, {
      title = a.title,
      kind = a.kind,
      isPreferred = a.isPreferred == true,
      diagnostics = diag_codes,
      edit_version = version,
      has_changes = a.edit ~= nil and a.edit.changes ~= nil,
    })
    if a.isPreferred == true and chosen == nil then
      chosen = item
    end
  end
  out.actions = listed
  step('code actions offered', listed)
  if not check('a preferred quick fix is offered', chosen ~= nil, vim.inspect(listed)) then
    return finish(false, 'no preferred code action')
  end
  out.chosen = chosen[2].title
  out.buffer_version_before_fix = vim.lsp.util.buf_versions[state.bufnr]
  on_choice(chosen) -- applies the WorkspaceEdit through vim.lsp.util.apply_workspace_edit
  step('fix applied', { title = out.chosen, buffer_version = vim.lsp.util.buf_versions[state.bufnr] })
  check(
    'the fix changed the buffer',
    vim.api.nvim_buf_get_option(state.bufnr, 'modified'),
    'buffer not modified: the edit was not applied (version check?)'
  )
  vim.cmd('silent write')
  state.saved = true
  step('saved', { file = vim.api.nvim_buf_get_name(state.bufnr) })
end)

start_code_actions = function()
  state.phase = 'code actions'
  step('code actions requested', { cursor = vim.api.nvim_win_get_cursor(0) })
  vim.lsp.buf.code_action()
end

local function on_publish(err, result, ctx, config)
  vim.lsp.diagnostic.on_publish_diagnostics(err, result, ctx, config) -- Neovim's normal behaviour first
  if state.done or result.uri ~= state.uri then
    return
  end
  out.publishes = out.publishes + 1
  local diags = result.diagnostics or {}
  step('publishDiagnostics', { version = result.version or vim.NIL, codes = codes(diags) })
  local diag = find_rule(diags)
  if not out.first_diagnostics then
    out.first_diagnostics = vim.tbl_map(summary, diags)
    if not diag then
      return finish(false, 'the first diagnostics for the file have no ' .. rule .. ': [' .. table.concat(codes(diags), ', ') .. ']')
    end
    out.diagnostic = summary(diag)
    check(rule .. ' has source cognito-guard', diag.source == 'cognito-guard', diag.source)
    after_first_diagnostics(diag)
  elseif state.saved and not diag then
    out.final_diagnostics = vim.tbl_map(summary, diags)
    out.final_version = result.version or vim.NIL
    step(rule .. ' gone', { codes = codes(diags) })
    finish(true)
  end
end

local function record_message(via)
  return function(err, result, ctx, config)
    table.insert(out.messages, { t_ms = ms(), via = via, type = result and result.type, message = result and result.message })
    local default = vim.lsp.handlers[ctx.method]
    if default then
      return default(err, result, ctx, config)
    end
  end
end

vim.api.nvim_create_autocmd('VimEnter', {
  once = true,
  callback = guarded(function()
    state.bufnr = vim.api.nvim_get_current_buf()
    state.uri = vim.uri_from_bufnr(state.bufnr)
    local file = vim.api.nvim_buf_get_name(state.bufnr)
    out.file = file
    out.hover_formats_advertised = vim.lsp.protocol.make_client_capabilities().textDocument.hover.contentFormat
    out.filetype = vim.bo[state.bufnr].filetype
    step('opened', { file = file, filetype = out.filetype })
    state.client_id = vim.lsp.start_client({
      name = 'cognito-guard',
      cmd = { 'node', server, '--stdio' },
      -- the Node flags the README gives other editors (the server must start and work under them)
      cmd_env = { NODE_OPTIONS = '--max-semi-space-size=2 --expose-gc' },
      root_dir = vim.fn.fnamemodify(file, ':p:h'),
      handlers = {
        ['textDocument/publishDiagnostics'] = guarded(on_publish),
        ['textDocument/hover'] = on_hover,
        ['window/logMessage'] = record_message('window/logMessage'),
        ['window/showMessage'] = record_message('window/showMessage'),
        ['cognitoGuard/status'] = function(_, result)
          out.status = out.status or {}
          table.insert(out.status, { t_ms = ms(), findings = result.findings, ms = result.ms })
        end,
      },
      on_init = function(client, init)
        step('initialized', { serverInfo = init and init.serverInfo, offset_encoding = client.offset_encoding })
      end,
      on_exit = function(code, signal)
        if not state.done then
          vim.schedule(function()
            finish(false, 'server exited: code ' .. tostring(code) .. ', signal ' .. tostring(signal))
          end)
        end
      end,
    })
    if not state.client_id then
      return finish(false, 'vim.lsp.start_client failed')
    end
    vim.lsp.buf_attach_client(state.bufnr, state.client_id)
    step('client attached', { client_id = state.client_id })
  end),
})
