/*
 * Every generator `wgup generate` runs, in one list. Each tool exports its generator; this composition
 * root is the only place that knows them all.
 */
import type { Generator } from '@wgup/codegen';

export const GENERATORS: readonly Generator[] = [];
