/** Every match of a logs query streamed as NDJSON or CSV over a snapshot, page by page, in constant memory. */
package io.tapline.api.export;
