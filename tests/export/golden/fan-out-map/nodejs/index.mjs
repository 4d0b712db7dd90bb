// Durable handler for the workflow "fan-out-thumbnails", exported by Durable Playground.
// Resize a batch of images with at most 2 in flight; done once 3 succeed. One image is corrupt.
// Each step returns what the playground simulated; put the real work where the comments say.
import {
  withDurableExecution,
  createRetryStrategy,
} from "@aws/durable-execution-sdk-js";

// Error types this workflow throws or retries on; the history shows error.name.
export class ImageDecodeError extends Error {
  constructor(message) {
    super(message);
    this.name = "ImageDecodeError";
  }
}

// A value inside a text: strings as they are, anything else as JSON.
const textOf = (value) => (typeof value === "string" ? value : JSON.stringify(value));
const isEqual = (a, b) => JSON.stringify(a) === JSON.stringify(b);

export const handler = withDurableExecution(async (event, context) => {
  const batch = await context.map("resize-images", event.images, async (itemContext, image, i) => {
    if (isEqual(image, "broken.jpg")) {
      throw new ImageDecodeError("cannot decode " + textOf(image));
    }
    const thumb = await itemContext.step("resize", async () => {
      // Real work goes here. (The playground simulates 800 ms.)
      return { "source": image, "thumbnail": "thumbs/" + textOf(image), "index": i };
    }, { retryStrategy: createRetryStrategy({ maxAttempts: 2, initialDelay: { seconds: 1 } }) });
    return thumb;
  }, { maxConcurrency: 2, completionConfig: { minSuccessful: 3, toleratedFailureCount: 1 } });
  return {
    "status": batch.status,
    "reason": batch.completionReason,
    "succeeded": batch.successCount,
    "failed": batch.failureCount,
    "items": batch.all,
  };
});
