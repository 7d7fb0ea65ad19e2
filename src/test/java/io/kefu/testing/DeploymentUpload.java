package io.kefu.testing;

import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** A {@code POST /engine-rest/deployment/create} body as Camunda's REST API takes it: multipart, one file. */
public final class DeploymentUpload {

    private DeploymentUpload() {
    }

    /** Makes {@code request} a multipart POST of one model file under a deployment name. */
    public static HttpRequest.Builder of(HttpRequest.Builder request, String deploymentName, String fileName, byte[] content) {
        String boundary = "----kefu" + System.nanoTime();
        List<byte[]> parts = new ArrayList<>();
        parts.add(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"deployment-name\"\r\n\r\n" + deploymentName
                + "\r\n--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + fileName + "\"; filename=\""
                + fileName + "\"\r\nContent-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        parts.add(content);
        parts.add(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return request.header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArrays(parts));
    }
}
