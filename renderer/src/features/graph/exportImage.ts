/**
 * The graph as a picture for slides (PNG or SVG), as React Flow's docs show: render the viewport
 * element with html-to-image at a transform that fits every node, whatever is on screen now.
 */
import { getNodesBounds, getViewportForBounds, type Node } from '@xyflow/react';
import { toPng, toSvg } from 'html-to-image';

export type ImageFormat = 'png' | 'svg';

const PADDING = 0.08;

export async function graphImage(nodes: readonly Node[], format: ImageFormat, background: string): Promise<string> {
  const viewportElement = document.querySelector<HTMLElement>('.react-flow__viewport');
  if (!viewportElement) throw new Error('the canvas is not on screen');
  const bounds = getNodesBounds([...nodes]);
  // Big enough for a projector, never smaller than the graph at 1:1.
  const width = Math.min(4096, Math.max(1600, Math.ceil(bounds.width * 1.2)));
  const height = Math.min(4096, Math.max(900, Math.ceil(bounds.height * 1.2)));
  const viewport = getViewportForBounds(bounds, width, height, 0.2, 2, PADDING);
  const options = {
    backgroundColor: background,
    width,
    height,
    // Fonts are the system's; html-to-image would otherwise try to inline web fonts.
    skipFonts: true,
    style: {
      width: `${width}px`,
      height: `${height}px`,
      transform: `translate(${viewport.x}px, ${viewport.y}px) scale(${viewport.zoom})`,
    },
  };
  return format === 'png' ? toPng(viewportElement, options) : toSvg(viewportElement, options);
}

/** Saves a data URL or text as a file through the browser's download (Electron shows a save dialog). */
export function download(fileName: string, content: string, mime?: string): void {
  const href = mime ? URL.createObjectURL(new Blob([content], { type: mime })) : content;
  const anchor = document.createElement('a');
  anchor.href = href;
  anchor.download = fileName;
  anchor.style.display = 'none';
  document.body.append(anchor);
  anchor.click();
  anchor.remove();
  if (mime) setTimeout(() => URL.revokeObjectURL(href), 10_000);
}
