/** The logs query endpoint: parameters, project scoping, entry rendering and the seed-004 response. */
package io.tapline.api.query;
