/*
 * Every generator `wgup generate` runs, in one list. Each tool exports its generator; this composition
 * root is the only place that knows them all.
 */
import type { Generator } from '@wgup/codegen';
import { protocolHeaderGenerator } from '@wgup/peer';
import { matrixCiGenerator } from '@wgup/matrix';
import { batteryGenerator } from '@wgup/battery';

export const GENERATORS: readonly Generator[] = [protocolHeaderGenerator, matrixCiGenerator, batteryGenerator];
