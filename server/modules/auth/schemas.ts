export {
  LoginBody,
  MfaCodeBody,
  SessionState,
  MfaEnrolment,
  RecoveryCodes,
  PasswordChangeBody,
  PasswordResetRequestBody,
  TokenPasswordBody,
  ProfileUpdateBody,
} from '../../../common/schemas/accounts';
