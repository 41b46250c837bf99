package dev.flarelink.load;

import dev.flarelink.cloudflare.sandbox.CloudflareSandbox;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.BeanDefinitionRegistryPostProcessor;
import org.springframework.beans.factory.support.RootBeanDefinition;

/**
 * Swaps sandbox mode's emulator, which keeps its state in the data directory, for one without (D1 still on SQLite
 * files, but no state files), so the figures measure Flarelink and not the emulator's disk, which real Cloudflare
 * does not share. (The persistent emulator used to rewrite its whole state file on every POST; it now writes per
 * change, see docs/sandbox.md.) Runs after the configuration classes are parsed, so the bean it replaces exists.
 */
final class InMemorySandbox implements BeanDefinitionRegistryPostProcessor {

    /** The bean sandbox mode defines ({@code SandboxConfiguration#cloudflareSandbox}). */
    private static final String BEAN = "cloudflareSandbox";

    @Override
    public void postProcessBeanDefinitionRegistry(BeanDefinitionRegistry registry) {
        registry.removeBeanDefinition(BEAN);
        RootBeanDefinition sandbox = new RootBeanDefinition(CloudflareSandbox.class, () -> {
            CloudflareSandbox started = CloudflareSandbox.builder().build().start();
            started.seedDemo();
            return started;
        });
        sandbox.setDestroyMethodName("close");
        registry.registerBeanDefinition(BEAN, sandbox);
    }
}
