/**
 * A stand-in for a workflow that ships (fulfilOrder): it starts the parcel's tracking through
 * startTrackShipmentChild twice, as a retried or replayed parent would, and ends while the
 * tracking goes on. Bundled by test/integration/track-shipment.test.ts only.
 */
import type { Carrier } from '../../../mappings/canonical/carrier.js';
import { startTrackShipmentChild, type TrackShipmentInput } from '../../../workflows/track-shipment.js';

export { trackShipment } from '../../../workflows/track-shipment.js';

export async function shipAndTrack(carrier: Carrier, input: TrackShipmentInput): Promise<{ workflowId: string; started: boolean }[]> {
  return [await startTrackShipmentChild(carrier, input), await startTrackShipmentChild(carrier, input)];
}
