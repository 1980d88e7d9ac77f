/** `caravan map KIND FILE [--items FILE] [--shipment FILE]`: what a vendor payload maps to, or why it cannot. */
import { readFileSync } from 'node:fs';
import { looksLike, RECORD_KINDS, repliesIn, vcrCassetteReplies, type Look, type MapInputFile, type MappedRecord, type RecordKind } from '../record-kinds.js';
import { CharsetError, decodeDocument } from '../../connectors/http/charset.js';
import { CliError } from '../output.js';

/**
 * The file's bytes, decoded: gzip inflated, the charset from a BOM, valid UTF-8, Shift_JIS
 * Japanese or else windows-1252 (connectors/http/charset.ts), or the one `--charset` names.
 */
function readInput(path: string, charsetName?: string): MapInputFile {
  let bytes: Uint8Array;
  try {
    bytes = new Uint8Array(readFileSync(path));
  } catch (e) {
    throw new CliError(`cannot read ${path}: ${(e as NodeJS.ErrnoException).code ?? String(e)}`);
  }
  let text: string;
  let charset: string;
  try {
    ({ text, charset } = decodeDocument(bytes, charsetName === undefined ? {} : { charset: charsetName }));
  } catch (e) {
    if (e instanceof CharsetError) throw new CliError(`${path}: ${e.message}`, charsetName !== undefined && e.message.startsWith('unknown charset') ? 2 : 1);
    throw e;
  }
  // A VCR cassette: every reply is checked for errors, the last one (the API call after the token) is mapped.
  const replies = vcrCassetteReplies(text);
  if (replies !== undefined) {
    const last = replies[replies.length - 1]!.body;
    text = typeof last === 'string' ? last : JSON.stringify(last);
  }
  return {
    ...(replies === undefined ? {} : { replies }),
    file: path,
    bytes,
    charset,
    text,
    json() {
      try {
        return JSON.parse(text);
      } catch (e) {
        throw new CliError(`${path} is not JSON: ${(e as Error).message}`);
      }
    },
  };
}

export async function mapCommand(
  kind: string,
  file: string,
  opts: { items?: string; shipment?: string; feed?: string; channel?: string; charset?: string; marketplace?: string },
): Promise<{ results: MappedRecord[]; output: string }> {
  const k = RECORD_KINDS[kind];
  if (!k) {
    throw new CliError(`unknown record kind "${kind}". Known kinds:\n${listKinds()}`);
  }
  const input = readInput(file, opts.charset);
  const extra = {
    ...(opts.items ? { items: readInput(opts.items) } : {}),
    ...(opts.shipment ? { shipment: readInput(opts.shipment) } : {}),
    ...(opts.feed ? { feed: readInput(opts.feed) } : {}),
  };
  refuseWhatIsNotARecord(kind, k, input);
  if (extra.items) refuseWhatIsNotARecord('amazon.order-item', RECORD_KINDS['amazon.order-item']!, extra.items, kind);
  let results: MappedRecord[];
  try {
    results = await k.map(input, extra, {
      channel: opts.channel ?? kind.split('.')[0]!,
      ...(opts.channel === undefined ? {} : { channelGiven: true }),
      ...(opts.marketplace === undefined ? {} : { marketplace: opts.marketplace }),
    });
  } catch (e) {
    if (e instanceof CliError) throw e;
    throw new CliError(`${file}: ${(e as Error).message}`);
  }
  const output = JSON.stringify(
    results.map((r) => (r.ok ? r.record : { error: r.error })),
    null,
    2,
  );
  return { results, output };
}

const VENDOR_LABELS: Readonly<Record<string, string>> = { amazon: 'Amazon', avalara: 'AvaTax', dhl: 'DHL', ecb: 'ECB', xe: 'XE', vies: 'VIES', mailchimp: 'Mailchimp', fedex: 'FedEx', stripe: 'Stripe', paypal: 'PayPal', aliexpress: 'AliExpress', alibaba: 'Alibaba.com' };

function vendorLabel(vendor: string): string {
  return VENDOR_LABELS[vendor] ?? vendor;
}

/**
 * Another vendor's error body (an LWA error given to fx.xe …), named by that vendor's
 * recogniser. DHL reads any RFC 7807 problem document as its own, so a vendor that claims
 * a body by something only it sends (Mailchimp's glossary link) wins over DHL.
 */
function otherVendorsError(k: RecordKind, body: unknown): Look | undefined {
  const claims = [...new Set(Object.values(RECORD_KINDS).map((x) => x.recogniseError))]
    .filter((other) => other !== k.recogniseError)
    .map((other) => other(body, { operation: 'reply' }))
    .filter((error) => error?.vendorCode !== undefined);
  const error = claims.find((e) => e!.vendor !== 'dhl') ?? claims[0];
  return error === undefined ? undefined : { what: `this is an error reply from ${vendorLabel(error.vendor)} (code ${error.vendorCode}: ${error.message})` };
}

/**
 * Before mapping: the vendor's own recogniser names an error reply (code, message, status when
 * the file records it), and a file of another kind says what it looks like. Both exit 1.
 */
function refuseWhatIsNotARecord(kindName: string, k: RecordKind, input: MapInputFile, forKind = kindName): void {
  for (const reply of input.replies ?? repliesIn(input.text)) {
    const error = k.recogniseError(reply.body, {
      operation: k.operation,
      ...(reply.status === undefined ? {} : { status: reply.status }),
      ...(reply.headers === undefined ? {} : { headers: reply.headers }),
    });
    // Our vendor's recogniser names any failure status; another vendor's code in the body says whose reply it really is.
    const othersCode = error !== undefined && error.vendorCode === undefined ? otherVendorsError(k, reply.body) : undefined;
    const looks = othersCode ?? looksLike(reply.body) ?? otherVendorsError(k, reply.body);
    const otherKind = looks !== undefined && looks.kind !== kindName;
    // An "error" with neither status nor vendor code is a file of the wrong shape (ECB: JSON where XML belongs).
    if (error !== undefined && othersCode === undefined && (error.status !== undefined || error.vendorCode !== undefined || !otherKind)) {
      const code = error.vendorCode === undefined ? '' : `, code ${error.vendorCode}`;
      throw new CliError(`${input.file} is an error reply from ${vendorLabel(error.vendor)}${code}, not ${k.expects}: ${error.message}`, 1);
    }
    if (otherKind) {
      const hint =
        looks.kind === 'amazon.order-item' && kindName === 'amazon.order'
          ? '; pass it with --items beside the order file'
          : looks.kind === undefined
            ? ''
            : `; try \`caravan map ${looks.kind} ${input.file}\``;
      const role = forKind === kindName ? '' : ` (given as ${forKind} --items)`;
      throw new CliError(`${input.file}${role}: ${looks.what}, not ${k.expects}${hint}`, 1);
    }
  }
}

export function listKinds(): string {
  const width = Math.max(...Object.keys(RECORD_KINDS).map((name) => name.length));
  return Object.entries(RECORD_KINDS)
    .map(([name, k]) => `  ${name.padEnd(width)}  ${k.description}`)
    .join('\n');
}
