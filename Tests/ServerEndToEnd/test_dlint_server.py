"""End-to-end test of `dlint server` with a real LSP client (pytest-lsp, built on pygls).

Run by Tests/DLintCLITests/ServerEndToEndTests.swift (DLINT_SLOW_TESTS=1), which installs
pytest-lsp into .build/venv-lsp and passes the binary in DLINT_BINARY.
"""
import asyncio
import os

import pytest
import pytest_lsp
from lsprotocol import types
from pytest_lsp import ClientServerConfig, LanguageClient, client_capabilities

DLINT = os.environ.get("DLINT_BINARY", ".build/debug/dlint")
URI = "file:///tmp/dlint-e2e/Dockerfile"
TEXT = '# syntax=docker/dockerfile:1\n# ünïcode ☃ 😀\nFROM ubuntu\nrun echo "☃ hi"\n'


@pytest_lsp.fixture(config=ClientServerConfig(server_command=[DLINT, "server"]))
async def client(lsp_client: LanguageClient):
    lsp_client.registrations = []

    # VS Code's capabilities allow dynamic registration: the server asks to watch its files.
    @lsp_client.feature(types.CLIENT_REGISTER_CAPABILITY)
    def register_capability(params: types.RegistrationParams):
        lsp_client.registrations.extend(params.registrations)

    await lsp_client.initialize_session(
        types.InitializeParams(capabilities=client_capabilities("visual-studio-code"))
    )
    yield
    await lsp_client.shutdown_session()


async def wait_for_diagnostics(client: LanguageClient):
    """The next publishDiagnostics, or a failure after 60 s (never a hang)."""
    await asyncio.wait_for(client.wait_for_notification(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS), 60)


async def diagnostics_after(client: LanguageClient, predicate):
    """Waits for published diagnostics of URI that satisfy predicate (older ones may come first)."""
    for _ in range(20):
        current = client.diagnostics.get(URI)
        if current is not None and predicate(current):
            return current
        await wait_for_diagnostics(client)
    raise AssertionError(f"diagnostics never matched: {client.diagnostics.get(URI)}")


def apply_edits(text: str, edits) -> str:
    """Applies LSP TextEdits (UTF-16 positions) to text, as an editor does."""
    lines = text.split("\n")

    def offset(position):
        before = "\n".join(lines[: position.line]) + ("\n" if position.line else "")
        line = lines[position.line] if position.line < len(lines) else ""
        units = line.encode("utf-16-le")[: position.character * 2].decode("utf-16-le")
        return len(before) + len(units)

    for edit in sorted(edits, key=lambda e: (e.range.start.line, e.range.start.character), reverse=True):
        start, end = offset(edit.range.start), offset(edit.range.end)
        text = text[:start] + edit.new_text + text[end:]
        lines = text.split("\n")
    return text


def edits_of(action, uri=URI):
    edit = action.edit
    if edit.document_changes:
        return [e for change in edit.document_changes if change.text_document.uri == uri for e in change.edits]
    return edit.changes[uri]


@pytest.mark.asyncio
async def test_open_edit_fix_clean(client: LanguageClient):
    client.text_document_did_open(types.DidOpenTextDocumentParams(
        text_document=types.TextDocumentItem(uri=URI, language_id="dockerfile", version=1, text=TEXT)))
    found = await diagnostics_after(client, lambda d: len(d) > 0)
    assert [r.method for r in client.registrations] == ["workspace/didChangeWatchedFiles"]
    by_code = {d.code: d for d in found}
    assert set(by_code) == {"DL3006", "DX1010"}, found
    tag = by_code["DL3006"]
    assert (tag.range.start.line, tag.range.start.character, tag.range.end.character) == (2, 5, 11)
    assert tag.severity == types.DiagnosticSeverity.Warning
    assert tag.source == "dlint"
    assert tag.code_description.href.endswith("/rules/DL3006.md")

    # Edit: tag the image (an incremental change after the non-ASCII line).
    client.text_document_did_change(types.DidChangeTextDocumentParams(
        text_document=types.VersionedTextDocumentIdentifier(uri=URI, version=2),
        content_changes=[types.TextDocumentContentChangePartial(
            range=types.Range(start=types.Position(line=2, character=11), end=types.Position(line=2, character=11)),
            text=":24.04")]))
    found = await diagnostics_after(client, lambda d: {x.code for x in d} == {"DX1010"})
    text = TEXT.replace("FROM ubuntu", "FROM ubuntu:24.04")

    # Hover on the remaining finding shows its rule.
    hover = await client.text_document_hover_async(types.HoverParams(
        text_document=types.TextDocumentIdentifier(uri=URI), position=types.Position(line=3, character=1)))
    assert "DX1010" in hover.contents.value

    # Code action: the quick fix, applied as the editor would, leaves the file clean.
    actions = await client.text_document_code_action_async(types.CodeActionParams(
        text_document=types.TextDocumentIdentifier(uri=URI), range=found[0].range,
        context=types.CodeActionContext(diagnostics=list(found))))
    quick_fix = next(a for a in actions if a.kind == "quickfix" and a.is_preferred)
    assert "Ignore DX1010 for this instruction" in [a.title for a in actions]
    fixed = apply_edits(text, edits_of(quick_fix))
    assert fixed == text.replace('run echo', 'RUN echo')
    client.text_document_did_change(types.DidChangeTextDocumentParams(
        text_document=types.VersionedTextDocumentIdentifier(uri=URI, version=3),
        content_changes=[types.TextDocumentContentChangeWholeDocument(text=fixed)]))
    await diagnostics_after(client, lambda d: len(d) == 0)


@pytest.mark.asyncio
async def test_fix_all_and_unknown_requests(client: LanguageClient):
    text = "from alpine:3.20 as build\nrun echo ☃\nFROM alpine:3.20\nCOPY --from=build /a /b\n"
    uri = "file:///tmp/dlint-e2e/other/Dockerfile"
    client.text_document_did_open(types.DidOpenTextDocumentParams(
        text_document=types.TextDocumentItem(uri=uri, language_id="dockerfile", version=1, text=text)))
    for _ in range(20):
        if client.diagnostics.get(uri):
            break
        await wait_for_diagnostics(client)
    actions = await client.text_document_code_action_async(types.CodeActionParams(
        text_document=types.TextDocumentIdentifier(uri=uri),
        range=types.Range(start=types.Position(line=0, character=0), end=types.Position(line=0, character=0)),
        context=types.CodeActionContext(diagnostics=[], only=[types.CodeActionKind.SourceFixAll])))
    assert [a.title for a in actions] == ["Fix all safe problems"]
    fixed = apply_edits(text, edits_of(actions[0], uri))
    assert fixed.startswith("FROM alpine:3.20 AS build\nRUN echo ☃\n"), fixed

    # A request for a document never opened is an error response, and the server goes on.
    with pytest.raises(Exception):
        await client.text_document_hover_async(types.HoverParams(
            text_document=types.TextDocumentIdentifier(uri="file:///nowhere/Dockerfile"),
            position=types.Position(line=0, character=0)))
    hover = await client.text_document_hover_async(types.HoverParams(
        text_document=types.TextDocumentIdentifier(uri=uri), position=types.Position(line=1, character=0)))
    assert hover is not None and "DX1010" in hover.contents.value
