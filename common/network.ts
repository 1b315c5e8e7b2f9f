/** Value lists of the network module, without zod, so the web pages can use them cheaply. */
export const NETWORK_ROLES = ['chair', 'secretariat', 'member', 'observer'] as const;
export const APPLICATION_STATUSES = ['submitted', 'under_review', 'approved', 'rejected'] as const;
export const MEETING_KINDS = ['network', 'working_group', 'steering_committee'] as const;
export const MINUTES_STATUSES = ['draft', 'circulated', 'approved'] as const;
export const MEETING_STATUSES = ['scheduled', 'held', 'cancelled'] as const;
export const ACTION_POINT_STATUSES = ['open', 'in_progress', 'done', 'dropped'] as const;
export const WORKPLAN_STATUSES = ['planned', 'in_progress', 'completed', 'delayed', 'cancelled'] as const;
export const DOCUMENT_KINDS = ['terms_of_reference', 'governance', 'working_group_tor'] as const;
export const GCM_OBJECTIVE_COUNT = 23;
export const GCM_GUIDING_PRINCIPLE_COUNT = 10;
/** Meetings are held and shown in Pakistan Standard Time (UTC+5, no daylight saving). */
export const MEETING_TIME_ZONE = 'Asia/Karachi';
