/** Request and response schemas of the network module; shared with the web app. */
export * from '../../../common/schemas/network';
