export * from './model';
export { renderBatteryScript, SCRIPT_PATHS, BATTERY_INPUTS } from './emit';
export { batteryGenerator } from './generator';
export {
	runLinuxBattery, cleanupLinuxRun, reapRunProcesses, runProcesses, chooseSteps, detectWgupPeer, newRunId, stateDir, TranscriptParser,
	type BatteryRunOptions, type BatteryRunResult, type StepOutcome,
} from './runner';
