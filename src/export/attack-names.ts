/**
 * ATT&CK ids to the clusters of MISP's mitre-* galaxies (extractors/data/attack-names.json,
 * built by extractors/data-build/build-attack-names.ts), so a galaxy tag names the cluster
 * MISP has ("HiddenFace - S9023") even when the article calls the family NOOPDOOR.
 */
import { z } from 'zod';
import { readDataFile } from '../package.js';

const Cluster = z.tuple([z.string().min(1), z.string().min(1)]);
const FileSchema = z.object({ groups: z.record(z.string(), Cluster), software: z.record(z.string(), Cluster) });

let data: z.infer<typeof FileSchema> | undefined;

/** The galaxy and cluster value of an ATT&CK group (G-id) or software (S-id), if MISP has it. */
export function attackCluster(id: string): { galaxy: string; value: string } | undefined {
  data ??= FileSchema.parse(readDataFile('attack-names.json'));
  const hit = (id.startsWith('G') ? data.groups : data.software)[id];
  return hit ? { galaxy: hit[0], value: hit[1] } : undefined;
}
