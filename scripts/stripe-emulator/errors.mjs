/** An error answered in Stripe's `{ error: { type, message, code?, param? } }` shape. */
export class StripeApiError extends Error {
  constructor(status, { type = "invalid_request_error", message, code, param, ...extra }) {
    super(message);
    this.status = status;
    this.body = { type, message };
    if (code) {
      this.body.code = code;
      this.body.doc_url = `https://stripe.com/docs/error-codes/${code.replaceAll("_", "-")}`;
    }
    if (param) this.body.param = param;
    Object.assign(this.body, extra);
  }

  toJSON() {
    return { error: this.body };
  }
}

export const invalidRequest = (message, { param, code, status = 400 } = {}) =>
  new StripeApiError(status, { message, param, code });

export const missingParam = (param) =>
  invalidRequest(`Missing required param: ${param}.`, { param, code: "parameter_missing" });

export const unknownParam = (param) =>
  invalidRequest(`Received unknown parameter: ${param}`, { param, code: "parameter_unknown" });

export const resourceMissing = (objectName, id, param = "id") =>
  new StripeApiError(404, { message: `No such ${objectName}: '${id}'`, code: "resource_missing", param });
