// Pure, so the Connect page's client component can fill the snippets with a token it has just been shown.

export type SetupSnippets = { claudeCode: string; cursor: string; vscode: string };

/** Copy-paste set-up for each client, filled with the server URL and a token (or a placeholder). */
export function setupSnippets(url: string, token: string): SetupSnippets {
  const headers = { Authorization: `Bearer ${token}` };
  return {
    claudeCode: `claude mcp add --transport http specwright ${url} --header "Authorization: Bearer ${token}"`,
    cursor: JSON.stringify({ mcpServers: { specwright: { url, headers } } }, null, 2),
    vscode: JSON.stringify({ servers: { specwright: { type: "http", url, headers } } }, null, 2),
  };
}
