import { z } from 'zod';
import { isoDateTimeSchema } from './ids';

/** The on-disk format of the workspace. A newer one is refused rather than misread. */
export const WORKSPACE_FORMAT = 1;

export const workspaceSettingsSchema = z.strictObject({
  format: z.number().int().min(1),
  name: z.string().min(1).max(200),
  createdAt: isoDateTimeSchema,
});
export type WorkspaceSettings = z.infer<typeof workspaceSettingsSchema>;
