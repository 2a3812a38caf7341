// The worker thread that draws the report and scenario views (see views.ts): it analyses the text
// with the inputs it is given and draws the page, one request at a time.
import { parentPort } from 'node:worker_threads';
import { analyseWith, drawView, type ViewRequest } from './views';

let queue = Promise.resolve();
parentPort?.on('message', ({ id, request }: { id: number; request: ViewRequest }) => {
  queue = queue.then(async () => {
    try {
      const analysis = await analyseWith(request.text, request.inputs);
      parentPort?.postMessage({ id, answer: drawView(request, analysis) });
    } catch (error) {
      parentPort?.postMessage({ id, error: (error as Error).stack ?? String(error) });
    }
  });
});
