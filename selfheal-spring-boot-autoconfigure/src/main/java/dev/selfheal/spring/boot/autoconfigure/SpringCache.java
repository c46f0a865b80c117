package dev.selfheal.spring.boot.autoconfigure;

import dev.selfheal.recovery.actions.ClearableCache;
import java.util.Map;
import org.springframework.cache.Cache;
import org.springframework.cache.CacheManager;

/** One cache of a Spring {@link CacheManager}, found by name when it is cleared (caches may be created lazily). */
final class SpringCache implements ClearableCache {

    private final CacheManager manager;
    private final String name;

    SpringCache(CacheManager manager, String name) {
        this.manager = manager;
        this.name = name;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public long clear() {
        Cache cache = manager.getCache(name);
        if (cache == null) {
            return 0;
        }
        long size = cache.getNativeCache() instanceof Map<?, ?> map ? map.size() : -1;
        cache.clear();
        return size;
    }
}
