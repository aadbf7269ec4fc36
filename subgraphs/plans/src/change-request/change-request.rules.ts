/** Longest request kept, in characters. */
export const CHANGE_REQUEST_MAX_LENGTH = 2000;

/** Why a change request cannot be made as given, or null when it can. */
export function changeRequestProblem(
  status: string,
  message: string,
): { field: string | null; message: string } | null {
  if (status !== 'DRAFT') {
    return { field: null, message: 'Only a draft waiting for acceptance can be asked to change.' };
  }
  const text = message.trim();
  if (!text) return { field: 'message', message: 'Say what should change.' };
  if (text.length > CHANGE_REQUEST_MAX_LENGTH) {
    return {
      field: 'message',
      message: `Write at most ${CHANGE_REQUEST_MAX_LENGTH} characters.`,
    };
  }
  return null;
}
