-- Neovim's own LSP client (0.7 or later) driving `cap-advisor lsp`, headless: the second real
-- client of the server. test/unit/neovim.test.ts runs it and reads what it writes to $RESULT.
-- Every step waits for a condition (vim.wait), never for a fixed time.
local catalog = os.getenv('CATALOG')
local result_file = os.getenv('RESULT')
local result = { steps = {} }

local function finish(err)
  if err then result.error = err end
  local file = io.open(result_file, 'w')
  file:write(vim.fn.json_encode(result))
  file:close()
  vim.cmd('qa!')
end

local function codes(bufnr)
  local found = {}
  for _, d in ipairs(vim.diagnostic.get(bufnr)) do
    local lsp = d.user_data and d.user_data.lsp or {}
    table.insert(found, string.format('%d:%d %s', d.lnum + 1, d.col + 1, tostring(d.code or lsp.code)))
  end
  table.sort(found)
  return found
end

local function has(list, wanted)
  for _, item in ipairs(list) do
    if item == wanted then return true end
  end
  return false
end

local ok, err = pcall(function()
  vim.cmd('edit ' .. vim.fn.fnameescape(catalog))
  local bufnr = vim.api.nvim_get_current_buf()
  local client_id = vim.lsp.start_client({
    name = 'cap-advisor',
    cmd = { os.getenv('NODE'), os.getenv('CAP_ADVISOR'), 'lsp', '--stdio' },
    root_dir = vim.fn.fnamemodify(catalog, ':h'),
  })
  vim.lsp.buf_attach_client(bufnr, client_id)
  local client = vim.lsp.get_client_by_id(client_id)

  -- Diagnostics on open.
  assert(vim.wait(30000, function() return #vim.diagnostic.get(bufnr) > 0 end, 20), 'no diagnostics on open')
  result.onOpen = codes(bufnr)
  local severities = { 0, 0, 0, 0 }
  for _, d in ipairs(vim.diagnostic.get(bufnr)) do severities[d.severity] = severities[d.severity] + 1 end
  result.severities = severities

  -- An unsaved edit: `sessions` (line 89) moves to the store that fits.
  vim.api.nvim_buf_set_lines(bufnr, 88, 89, false, { '    store: dynamodb-global' })
  assert(vim.wait(30000, function() return not has(codes(bufnr), '89:12 store-mismatch') end, 20), 'the edit was not diagnosed')
  result.afterEdit = codes(bufnr)
  result.modified = vim.bo[bufnr].modified

  -- Hover on the name `sessions` (line 86).
  local position = { textDocument = { uri = vim.uri_from_bufnr(bufnr) }, position = { line = 85, character = 12 } }
  local hover = client.request_sync('textDocument/hover', position, 10000, bufnr)
  result.hover = hover and hover.result and hover.result.contents.value

  -- Completion of the store's value (line 89, after `store: dynamodb-global`).
  local completion = client.request_sync('textDocument/completion', {
    textDocument = position.textDocument,
    position = { line = 88, character = 26 },
  }, 10000, bufnr)
  local items = completion and completion.result or {}
  items = items.items or items
  result.completion = {}
  for _, item in ipairs(items) do
    table.insert(result.completion, { label = item.label, detail = item.detail })
  end

  -- Back to aurora-global, then the quick fix applied by Neovim's own workspace edit.
  vim.api.nvim_buf_set_lines(bufnr, 88, 89, false, { '    store: aurora-global' })
  assert(vim.wait(30000, function() return has(codes(bufnr), '89:12 store-mismatch') end, 20), 'the edit back was not diagnosed')
  -- The line's diagnostics in the protocol's form, as Neovim's own code-action request sends them.
  local mismatch
  for _, d in ipairs(vim.lsp.diagnostic.get_line_diagnostics(bufnr, 88)) do
    if d.code == 'store-mismatch' then mismatch = d end
  end
  assert(mismatch, 'no store-mismatch diagnostic on line 89')
  local actions = client.request_sync('textDocument/codeAction', {
    textDocument = position.textDocument,
    range = mismatch.range,
    context = { diagnostics = { mismatch } },
  }, 10000, bufnr)
  result.actions = {}
  local preferred
  for _, action in ipairs(actions and actions.result or {}) do
    table.insert(result.actions, action.title)
    if action.isPreferred then preferred = action end
  end
  assert(preferred, 'no preferred quick fix: ' .. vim.inspect(actions) .. ' for ' .. vim.inspect(mismatch))
  vim.lsp.util.apply_workspace_edit(preferred.edit, client.offset_encoding or 'utf-16')
  result.fixedLine = vim.api.nvim_buf_get_lines(bufnr, 88, 89, false)[1]
  result.lineCount = vim.api.nvim_buf_line_count(bufnr)
  assert(vim.wait(30000, function() return not has(codes(bufnr), '89:12 store-mismatch') end, 20), 'the fix was not diagnosed')
  result.afterFix = codes(bufnr)
  client.stop()
end)

finish(not ok and tostring(err) or nil)
