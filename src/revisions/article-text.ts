import { gunzipSync, gzipSync } from 'node:zlib';

/**
 * Article texts as revisions keep them: gzip, base64 (a string survives every
 * driver and the JSON export unchanged). An article of the export format
 * compresses to about a third.
 */
export const compressArticle = (text: string): string => gzipSync(Buffer.from(text, 'utf8'), { level: 9 }).toString('base64');

export const decompressArticle = (stored: string): string => gunzipSync(Buffer.from(stored, 'base64')).toString('utf8');
