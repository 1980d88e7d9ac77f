import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { decodeDocument } from '../../../connectors/http/charset.js';

export const REPORTS = join(import.meta.dirname, '..', '..', 'fixtures', 'amazon', 'reports');
/** A report fixture decoded as `caravan map` decodes it (charset detected). */
export const reportText = (name: string): string => decodeDocument(new Uint8Array(readFileSync(join(REPORTS, name)))).text;
