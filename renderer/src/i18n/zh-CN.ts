/** 简体中文. Typed against the English catalogue, so a missing key is a compile error. */
import type { Catalogue } from './en';

export const zhCN: Catalogue = {
  'app.title': 'TxLab',
  'app.subtitle': '比特币交易工作台',

  'status.connecting': '正在连接主机…',
  'status.connected': '主机已连接 · {mode}',
  'status.error': '主机错误：{message}',
  'status.closed.noToken': '缺少访问令牌：请打开 `npm run web` 打印的地址',
  'status.closed.refused': '主机拒绝了连接',
  'status.closed.lost': '与主机的连接已断开',
  'status.details': 'TxLab {version} · {mode} · 经由 {transport}',
  'status.mode.electron': '桌面版',
  'status.mode.browser': '浏览器模式',
  'status.mode.headless': '无界面模式',
  'status.transport.ipc': 'IPC',
  'status.transport.websocket': 'WebSocket',

  'theme.toDark': '切换到深色主题',
  'theme.toLight': '切换到浅色主题',
  'language.other': 'EN',
  'language.switch': 'Switch to English',

  'canvas.label': '交易图',
  'canvas.empty': '还没有交易',
  'canvas.controls': '画布控制',
  'canvas.zoomIn': '放大',
  'canvas.zoomOut': '缩小',
  'canvas.fitView': '使交易图适应窗口',
  'canvas.interactive': '锁定或解锁交易图',
};
