/** storage.local key of the user's settings: the referrer's own work details and the language. Never client data. */
export const settingsKey = 'settings';
