package dev.flarelink.cloudflare.accounts;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import dev.flarelink.cloudflare.WireMockTestSupport;
import dev.flarelink.cloudflare.zones.Zone;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AccountsAndZonesApiTests extends WireMockTestSupport {

    @Test
    void listsAndGetsAccounts() {
        wireMock.stubFor(get(urlPathEqualTo(path("/accounts"))).willReturn(fixture("accounts.json")));
        wireMock.stubFor(get(urlPathEqualTo(path("/accounts/" + ACCOUNT)))
                .willReturn(success("{\"id\":\"" + ACCOUNT + "\",\"name\":\"Acme\",\"type\":\"enterprise\"}")));

        Account listed = api().accounts().list().items().get(0);
        Account single = api().accounts().get(ACCOUNT);

        assertThat(listed.name()).isEqualTo("Acme");
        assertThat(listed.createdOn()).isNotNull();
        assertThat(single.type()).isEqualTo("enterprise");
        wireMock.verify(authorized(getRequestedFor(urlPathEqualTo(path("/accounts"))))
                .withQueryParam("per_page", equalTo("20")));
    }

    @Test
    void findsZoneByNameWithinAccount() {
        wireMock.stubFor(get(urlPathEqualTo(path("/zones"))).willReturn(fixture("zones.json")));

        Optional<Zone> zone = api().zones().findByName("contract.example", ACCOUNT);

        wireMock.verify(authorized(getRequestedFor(urlPathEqualTo(path("/zones"))))
                .withQueryParam("name", equalTo("contract.example"))
                .withQueryParam("account.id", equalTo(ACCOUNT)));
        assertThat(zone).get().satisfies(z -> {
            assertThat(z.id()).isEqualTo("023e105f4ecef8ad9ca31a8372d0c353");
            assertThat(z.isActive()).isTrue();
            assertThat(z.account().id()).isEqualTo(ACCOUNT);
            assertThat(z.nameServers()).hasSize(2);
        });
    }

    @Test
    void hostnameLookupWalksSuffixesUntilAZoneMatches() {
        wireMock.stubFor(get(urlPathEqualTo(path("/zones"))).willReturn(fixture("zones-empty.json")));
        wireMock.stubFor(get(urlPathEqualTo(path("/zones")))
                .withQueryParam("name", equalTo("contract.example"))
                .willReturn(fixture("zones.json")));

        Optional<Zone> zone = api().zones().findForHostname("a.auth.contract.example", ACCOUNT);

        assertThat(zone).map(Zone::name).contains("contract.example");
        wireMock.verify(getRequestedFor(urlPathEqualTo(path("/zones")))
                .withQueryParam("name", equalTo("a.auth.contract.example")));
        wireMock.verify(getRequestedFor(urlPathEqualTo(path("/zones")))
                .withQueryParam("name", equalTo("auth.contract.example")));
        assertThat(wireMock.getAllServeEvents()).hasSize(3);
    }
}
