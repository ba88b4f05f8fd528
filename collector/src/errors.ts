/** An error the collector answers with: an HTTP status and a JSON body `{ error, message }`. */
export class CollectorError extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}
