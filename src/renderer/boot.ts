// Imported by main.tsx before React and the app's modules: their evaluation then overlaps with
// main answering the first screen's calls.
import { startStartupCalls } from './app/startupCalls';

startStartupCalls();
