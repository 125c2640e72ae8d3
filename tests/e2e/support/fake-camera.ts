import { writeFileSync } from 'node:fs';
import type { Page } from 'playwright-core';

const WIDTH = 640;
const HEIGHT = 480;

/**
 * A still image as a Y4M video for Chromium's fake camera (--use-file-for-fake-video-capture): the
 * PNG is drawn centred on white in a 640×480 frame (in `page`, with a canvas), and its luma written
 * as one 4:2:0 frame with neutral chroma — Chromium loops it, so getUserMedia sees that image.
 */
export async function writeFakeCameraY4m(page: Page, png: Buffer, file: string): Promise<void> {
  const luma = await page.evaluate(async ({ b64, width, height }) => {
    const image = new Image();
    image.src = `data:image/png;base64,${b64}`;
    await image.decode();
    const canvas = document.createElement('canvas');
    canvas.width = width;
    canvas.height = height;
    const ctx = canvas.getContext('2d')!;
    ctx.fillStyle = '#fff';
    ctx.fillRect(0, 0, width, height);
    const scale = Math.min((height * 0.8) / image.height, (width * 0.8) / image.width);
    const w = Math.round(image.width * scale);
    const h = Math.round(image.height * scale);
    ctx.imageSmoothingEnabled = false;
    ctx.drawImage(image, Math.round((width - w) / 2), Math.round((height - h) / 2), w, h);
    const { data } = ctx.getImageData(0, 0, width, height);
    const y: number[] = new Array(width * height);
    for (let i = 0; i < width * height; i++) y[i] = Math.round(0.299 * data[i * 4]! + 0.587 * data[i * 4 + 1]! + 0.114 * data[i * 4 + 2]!);
    return y;
  }, { b64: png.toString('base64'), width: WIDTH, height: HEIGHT });
  const header = Buffer.from(`YUV4MPEG2 W${WIDTH} H${HEIGHT} F10:1 Ip A1:1 C420jpeg\nFRAME\n`, 'ascii');
  const chroma = Buffer.alloc((WIDTH / 2) * (HEIGHT / 2) * 2, 128);
  writeFileSync(file, Buffer.concat([header, Buffer.from(luma), chroma]));
}
