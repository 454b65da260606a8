/*
 * Every generator `wgup generate` runs, in one list. Each tool exports its generator; this composition
 * root is the only place that knows them all.
 */
import type { Generator } from '@wgup/codegen';
import { cryptoGenerator } from '@wgup/ts2c';
import { protocolHeaderGenerator } from '@wgup/peer';
import { matrixCiGenerator } from '@wgup/matrix';
import { batteryGenerator } from '@wgup/battery';
import { ocfGlueGenerator } from '@wgup/ocf-glue';
import { SUPPORT_H_GENERATOR } from '@wgup/headers';

export const GENERATORS: readonly Generator[] = [cryptoGenerator, protocolHeaderGenerator, matrixCiGenerator, ocfGlueGenerator, batteryGenerator, SUPPORT_H_GENERATOR];
