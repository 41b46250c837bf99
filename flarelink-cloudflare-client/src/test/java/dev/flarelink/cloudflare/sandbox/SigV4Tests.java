package dev.flarelink.cloudflare.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Cross-checks the sandbox's SigV4 implementation against the published AWS example "GET Object" (Amazon S3 API
 * reference, "Signature Calculations for the Authorization Header", example key pair of the AWS documentation).
 */
class SigV4Tests {

    static final String SECRET = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
    static final String EMPTY_HASH = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

    @Test
    void reproducesTheAwsGetObjectExample() {
        Map<String, String> headers = Map.of(
                "host", "examplebucket.s3.amazonaws.com",
                "range", "bytes=0-9",
                "x-amz-content-sha256", EMPTY_HASH,
                "x-amz-date", "20130524T000000Z");
        List<String> signed = List.of("host", "range", "x-amz-content-sha256", "x-amz-date");

        String canonical = SigV4.canonicalRequest(
                "GET", SigV4.canonicalUri("/test.txt"), SigV4.canonicalQuery(List.of()), headers, signed, EMPTY_HASH);
        String stringToSign = SigV4.stringToSign("20130524T000000Z", "20130524/us-east-1/s3/aws4_request", canonical);
        String signature = SigV4.signature(SigV4.signingKey(SECRET, "20130524", "us-east-1", "s3"), stringToSign);

        assertThat(stringToSign).endsWith("\n7344ae5b7ee6c3e7e6b0fe0640412a37625d1fbfff95c48bbb2dc43964946972");
        assertThat(signature).isEqualTo("f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41");
    }

    @Test
    void canonicalQuerySortsReencodesAndDropsTheSignature() {
        String query =
                SigV4.canonicalQuery(SigV4.queryPairs("prefix=a%20b&X-Amz-Signature=abc&delimiter=%2F&list-type=2"));

        assertThat(query).isEqualTo("delimiter=%2F&list-type=2&prefix=a%20b");
    }

    @Test
    void derivesTheR2SecretAsSha256HexOfTheTokenValue() {
        SandboxToken token = new SandboxToken("id", "abc", "acct", false);

        assertThat(token.r2SecretAccessKey())
                .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
        assertThat(token.toString()).doesNotContain("abc").contains("redacted");
    }
}
