// Imported by main.tsx before React and the app's modules: their evaluation then overlaps with
// main answering the first screen's calls.
import { holdEarlyEvents } from './api/client';
import { startStartupCalls } from './app/startupCalls';

// Before the first calls: what main sends after answering them waits for the app to subscribe.
holdEarlyEvents(['notice', 'workspace.outsideChange', 'workspace.changed', 'app.flush', 'menu.command']);
startStartupCalls();
