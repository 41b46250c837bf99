package dev.flarelink.load;

import dev.flarelink.cloudflare.sandbox.CloudflareSandbox;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.BeanDefinitionRegistryPostProcessor;
import org.springframework.beans.factory.support.RootBeanDefinition;

/**
 * Swaps sandbox mode's emulator, which keeps its state in the data directory, for one without (D1 still on SQLite
 * files, but no {@code state.json}). The persistent emulator rewrites its whole state file under its one lock on
 * every POST, D1 reads included, so under load it serialises every grid view: a cost of the emulator that real
 * Cloudflare does not have. Runs after the configuration classes are parsed, so the bean it replaces exists.
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
