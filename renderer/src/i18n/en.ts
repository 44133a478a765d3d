/** English: the reference catalogue. Every key here must exist in every other language. */
export const en = {
  'app.title': 'TxLab',
  'app.subtitle': 'Bitcoin transaction workbench',

  'status.connecting': 'Connecting to host…',
  'status.connected': 'Host connected · {mode}',
  'status.error': 'Host error: {message}',
  'status.closed.noToken': 'No access token: open the address printed by `npm run web`',
  'status.closed.refused': 'The host refused the connection',
  'status.closed.lost': 'Connection to the host lost',
  'status.details': 'TxLab {version} · {mode} · over {transport}',
  'status.mode.electron': 'desktop',
  'status.mode.browser': 'browser mode',
  'status.mode.headless': 'headless',
  'status.transport.ipc': 'IPC',
  'status.transport.websocket': 'WebSocket',

  'theme.toDark': 'Switch to dark theme',
  'theme.toLight': 'Switch to light theme',
  'language.other': '中文',
  'language.switch': '切换到简体中文',

  'canvas.label': 'Transaction graph',
  'canvas.empty': 'No transactions yet',
  'canvas.controls': 'Canvas controls',
  'canvas.zoomIn': 'Zoom in',
  'canvas.zoomOut': 'Zoom out',
  'canvas.fitView': 'Fit the graph to the window',
  'canvas.interactive': 'Lock or unlock the graph',
} as const;

export type MessageKey = keyof typeof en;
export type Catalogue = Readonly<Record<MessageKey, string>>;
