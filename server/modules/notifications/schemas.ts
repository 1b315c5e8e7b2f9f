export { IdParams, Ok } from '../../../common/schemas/http';
export {
  NotificationItem,
  NotificationListQuery,
  NotificationPage,
  NotificationPreferences,
  UnreadCount,
} from '../../../common/schemas/notifications';
