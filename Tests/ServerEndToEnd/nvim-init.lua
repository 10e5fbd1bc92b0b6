-- Neovim configuration for the end-to-end test: start `dlint server` for Dockerfiles.
-- DLINT_BINARY names the binary. Neovim 0.8 and later use vim.lsp.start; 0.7 (Debian 12's)
-- starts the client and attaches it to the buffer itself.
vim.cmd("filetype on")
local dlint = os.getenv("DLINT_BINARY") or "dlint"
vim.api.nvim_create_autocmd("FileType", {
  pattern = "dockerfile",
  callback = function(args)
    local config = { name = "dlint", cmd = { dlint, "server" }, root_dir = vim.fn.getcwd() }
    if vim.lsp.start then
      vim.lsp.start(config)
    else
      vim.lsp.buf_attach_client(args.buf, vim.lsp.start_client(config))
    end
  end,
})
