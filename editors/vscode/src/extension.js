// @ts-check
// The Budget extension: starts `budget lsp` and connects VS Code to it.
// Everything the editor shows (diagnostics, hovers, completion, quick
// fixes, outline, formatting) comes from the language server.

const vscode = require("vscode");
const { LanguageClient } = require("vscode-languageclient/node");

/** @type {LanguageClient | undefined} */
let client;

function serverOptions() {
  const config = vscode.workspace.getConfiguration("budget");
  const command = config.get("server.path", "budget");
  const args = ["lsp", "--lang", config.get("server.lang", "zh")];
  for (const c of config.get("server.catalogs", [])) {
    args.push("--catalog", c);
  }
  return { command, args };
}

async function start() {
  const { command, args } = serverOptions();
  /** @type {import("vscode-languageclient/node").ServerOptions} */
  const server = { run: { command, args }, debug: { command, args } };
  /** @type {import("vscode-languageclient/node").LanguageClientOptions} */
  const clientOptions = {
    documentSelector: [
      { scheme: "file", language: "budget" },
      { scheme: "untitled", language: "budget" },
    ],
  };
  client = new LanguageClient("budget", "Budget", server, clientOptions);
  try {
    await client.start();
  } catch (err) {
    vscode.window.showErrorMessage(
      `Budget: cannot start \`${command} lsp\` (${err}). Install budget (cargo install --path .) or set budget.server.path.`,
    );
  }
}

/** @param {vscode.ExtensionContext} context */
async function activate(context) {
  context.subscriptions.push(
    vscode.workspace.onDidChangeConfiguration(async (e) => {
      if (e.affectsConfiguration("budget.server")) {
        if (client) {
          await client.stop();
        }
        await start();
      }
    }),
  );
  await start();
}

async function deactivate() {
  if (client) {
    await client.stop();
  }
}

module.exports = { activate, deactivate };
