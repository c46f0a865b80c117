package dev.selfheal.spring.boot.autoconfigure;

import dev.selfheal.recovery.ActionResult;
import dev.selfheal.recovery.process.ServiceRestarter;
import java.util.Map;
import org.springframework.context.SmartLifecycle;

/** Restarts a {@link SmartLifecycle} bean inside the running application: stop, then start. */
final class LifecycleRestarter implements ServiceRestarter {

    private final String beanName;
    private final SmartLifecycle bean;

    LifecycleRestarter(String beanName, SmartLifecycle bean) {
        this.beanName = beanName;
        this.bean = bean;
    }

    @Override
    public ActionResult restart() {
        if (bean.isRunning()) {
            bean.stop();
        }
        bean.start();
        return bean.isRunning()
                ? ActionResult.ok("restarted bean " + beanName, Map.of("bean", beanName))
                : ActionResult.failed("bean " + beanName + " did not start again", Map.of("bean", beanName));
    }
}
