-- Run by the end-to-end test after opening a Dockerfile: waits for dlint's diagnostics, edits the
-- buffer, waits for the updated ones, and writes both to $DLINT_NVIM_OUT as JSON.
local function collect()
  local items = {}
  for _, d in ipairs(vim.diagnostic.get(0)) do
    local code = d.code or (d.user_data and d.user_data.lsp and d.user_data.lsp.code)
    table.insert(items, { lnum = d.lnum, col = d.col, end_col = d.end_col, code = code, severity = d.severity, source = d.source })
  end
  table.sort(items, function(a, b) return a.lnum * 10000 + a.col < b.lnum * 10000 + b.col end)
  return items
end

local result = { filetype = vim.bo.filetype }
result.opened = vim.wait(15000, function() return #vim.diagnostic.get(0) > 0 end, 20) and collect() or {}
-- Tag the image: "FROM ubuntu" becomes "FROM ubuntu:24.04" (an incremental change for the server).
local line = vim.api.nvim_buf_get_lines(0, 2, 3, false)[1]
vim.api.nvim_buf_set_text(0, 2, #line, 2, #line, { ":24.04" })
result.edited = vim.wait(15000, function()
  for _, d in ipairs(vim.diagnostic.get(0)) do
    local code = d.code or (d.user_data and d.user_data.lsp and d.user_data.lsp.code)
    if code == "DL3006" then return false end
  end
  return true
end, 20) and collect() or { "timed out" }
local file = io.open(os.getenv("DLINT_NVIM_OUT"), "w")
file:write(vim.fn.json_encode(result))
file:close()
vim.cmd("qa!")
