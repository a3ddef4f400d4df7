package io.tapline.api.http;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.undertow.util.StatusCodes;

/**
 * The seed-004 error body, {@code {"statusCode":N,"error":"<reason phrase>","message":"..."}}, shared by
 * every error the API returns.
 */
@JsonPropertyOrder({"statusCode", "error", "message"})
public record ErrorBody(int statusCode, String error, String message) {

    /** The body for {@code status}, with the standard reason phrase as {@code error}. */
    public static ErrorBody of(int status, String message) {
        return new ErrorBody(status, StatusCodes.getReason(status), message);
    }
}
