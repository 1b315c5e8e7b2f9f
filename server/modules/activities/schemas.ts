import { z } from 'zod';

/** Request and response schemas of the activities module; shared with the web app. */
export * from '../../../common/schemas/activities';
export * from '../../../common/schemas/activity-coverage';
export { IdParams } from '../../../common/schemas/http';

export const Created = z.object({ id: z.uuid() });
