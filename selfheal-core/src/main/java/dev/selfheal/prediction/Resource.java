package dev.selfheal.prediction;

/**
 * Something with a limit that a component can run out of: {@code heap} of {@code github-sim},
 * {@code disk:/var/spool} of {@code worker}.
 *
 * @param component the component that fails when it runs out (the incident's component)
 * @param name      what runs out, short and stable (the API and evidence use it)
 */
public record Resource(String component, String name) {

    public Resource {
        if (component == null || component.isBlank()) {
            throw new IllegalArgumentException("resource component must not be blank");
        }
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("resource name must not be blank (component " + component + ")");
        }
    }

    /** {@code component/name}. */
    public String key() {
        return component + "/" + name;
    }

    @Override
    public String toString() {
        return key();
    }
}
