/** HTTP plumbing shared by every endpoint: routing, the error body and the single exception-to-response mapping. */
package io.tapline.api.http;
