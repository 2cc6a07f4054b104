package dev.tributary.cdi;

import dev.tributary.AckPolicy;
import dev.tributary.Codec;
import dev.tributary.Filter;
import dev.tributary.Header;
import dev.tributary.Incoming;
import dev.tributary.Message;
import dev.tributary.MessageFilter;
import dev.tributary.Middleware;
import dev.tributary.Outgoing;
import dev.tributary.PathParam;
import dev.tributary.Response;
import dev.tributary.Router;
import dev.tributary.TributaryException;
import dev.tributary.UseMiddleware;
import dev.tributary.spi.AddressTemplate;
import dev.tributary.spi.Capability;
import dev.tributary.spi.Connector;
import dev.tributary.spi.DestinationSpec;
import dev.tributary.spi.TransactionRunner;
import jakarta.enterprise.inject.spi.Bean;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Parameter;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.WildcardType;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;

/**
 * Turns the discovered handler methods and channel injection points into validated subscription plans and
 * publishers, recording every problem (it never stops at the first). Used once, on the deployment thread.
 */
final class DeploymentPlanner {
    static final int DEFAULT_MAX_IN_FLIGHT = 1024;

    private final RuntimeConfig config;
    private final ConnectorRegistry connectors;
    private final Codecs codecs;
    private final Instances instances;
    private final Problems problems;
    private final Map<String, SubscriptionPlan> subscriptions = new LinkedHashMap<>();
    private final Map<String, List<ChannelPoint>> channels = new LinkedHashMap<>();
    private final Map<String, ChannelPublisher> publishers = new LinkedHashMap<>();
    private final Map<String, Middleware[]> connectorMiddlewares = new HashMap<>();
    private final List<Map.Entry<Bean<?>, MethodTarget>> bindings = new ArrayList<>();

    DeploymentPlanner(RuntimeConfig config, ConnectorRegistry connectors, Codecs codecs, Instances instances,
            Problems problems) {
        this.config = config;
        this.connectors = connectors;
        this.codecs = codecs;
        this.instances = instances;
        this.problems = problems;
    }

    List<SubscriptionPlan> subscriptions() {
        return new ArrayList<>(subscriptions.values());
    }

    Map<String, ChannelPublisher> publishers() {
        return publishers;
    }

    List<Map.Entry<Bean<?>, MethodTarget>> bindings() {
        return bindings;
    }

    // ---------------------------------------------------------------- handlers

    void handler(HandlerMethod hm) {
        Method m = hm.method();
        String where = Problems.where(m);
        Class<?> beanClass = hm.bean().getBeanClass();
        Incoming[] incomings = m.getAnnotationsByType(Incoming.class);
        Outgoing[] outgoings = m.getAnnotationsByType(Outgoing.class);
        int mods = m.getModifiers();
        if (Modifier.isStatic(mods) || Modifier.isPrivate(mods)) {
            problems.add("TRB-CDI015", where, "a handler method must not be " + (Modifier.isStatic(mods) ? "static" : "private")
                    + " (it is invoked on the bean's contextual reference)", "make it a non-static method with public, protected or package access");
            return;
        }
        if (incomings.length == 0) {
            problems.add("TRB-CDI015", where, "@Outgoing without @Incoming: nothing would call this method",
                    "add @Incoming, or publish from anywhere with an injected @Channel Publisher");
            return;
        }
        Router router = hm.type().getAnnotation(Router.class);
        if (router == null) {
            router = beanClass.getAnnotation(Router.class);
        }
        String prefix = router != null ? router.prefix() : "";
        Middleware[] classMw = middlewares(beanClass.getAnnotation(UseMiddleware.class), beanClass.getName());
        Middleware[] methodMw = middlewares(m.getAnnotation(UseMiddleware.class), where);

        // parameters
        Parameter[] params = m.getParameters();
        Type[] types = m.getGenericParameterTypes();
        ParamBinder[] binders = new ParamBinder[params.length];
        List<String> pathParams = new ArrayList<>();
        List<Class<?>> metadataParams = new ArrayList<>();
        List<String> bodies = new ArrayList<>();
        Type bodyType = null;
        Type messageType = null;
        for (int i = 0; i < params.length; i++) {
            Parameter p = params[i];
            Type t = types[i];
            Class<?> raw = rawType(t);
            Header h = p.getAnnotation(Header.class);
            PathParam pp = p.getAnnotation(PathParam.class);
            if (h != null && pp != null) {
                problems.add("TRB-CDI005", where, "parameter '" + p.getName() + "' has both @Header and @PathParam",
                        "keep one of them");
                binders[i] = ParamBinder.BODY;
            } else if (h != null || pp != null) {
                Function<String, Object> conv = TextConverter.forType(t);
                String kind = h != null ? "@Header" : "@PathParam";
                if (conv == null) {
                    problems.add("TRB-CDI005", where, kind + " parameter '" + p.getName() + "' has the unsupported type "
                            + t.getTypeName(), "declare it as String, Optional<String>, a number type or boolean");
                    binders[i] = ParamBinder.BODY;
                } else if (h != null) {
                    binders[i] = ParamBinder.header(h.value(), conv, h.required() || TextConverter.needsValue(t));
                } else {
                    pathParams.add(pp.value());
                    binders[i] = ParamBinder.pathParam(pp.value(), conv, TextConverter.needsValue(t));
                }
            } else if (raw == Message.class) {
                messageType = typeArgument(t, 0);
                binders[i] = ParamBinder.MESSAGE;
            } else if (isMetadataType(raw)) {
                metadataParams.add(raw);
                binders[i] = ParamBinder.metadata(raw);
            } else {
                bodies.add(p.getName());
                bodyType = t;
                binders[i] = ParamBinder.BODY;
            }
        }
        if (bodies.size() > 1) {
            problems.add("TRB-CDI004", where, "more than one body parameter " + bodies
                    + " (every parameter without @Header/@PathParam that is not Message or a metadata type is the body)",
                    "keep one body parameter; bind the others with @Header/@PathParam, or take Message<T>");
        }
        if (bodyType != null && messageType != null && messageType != Object.class && !messageType.equals(bodyType)) {
            problems.add("TRB-CDI005", where, "Message<" + messageType.getTypeName() + "> and the body parameter of type "
                    + bodyType.getTypeName() + " disagree", "use the same type, or Message<Object>");
        }
        Type decodeType = bodyType != null ? bodyType : messageType;
        MethodTarget target = new MethodTarget(m, binders);

        // return value
        Type ret = m.getGenericReturnType();
        Type resultType = resultType(ret);
        boolean noResult = resultType == null;
        if (noResult && outgoings.length > 0) {
            problems.add("TRB-CDI010", where, "@Outgoing on a method that returns " + ret.getTypeName()
                    + ": there is no value to publish", "return the value to publish, or remove @Outgoing");
        }

        // outgoings
        List<PublishPath> outPaths = new ArrayList<>();
        List<String> outAddresses = new ArrayList<>();
        List<String> transactionalOut = new ArrayList<>();
        List<String> plainOut = new ArrayList<>();
        for (Outgoing o : outgoings) {
            String channel = prefix + o.value();
            String address = config.channel(channel, "address").orElse(channel);
            String conn = connectors.resolve(where, channel, problems, config.channel(channel, "connector").orElse(null),
                    o.connector(), router != null ? router.connector() : null);
            Codec codec = codec(o.codec(), where);
            if (conn == null) {
                continue;
            }
            Connector c = connectors.get(conn);
            (c.capabilities().contains(Capability.TRANSACTIONAL_PUBLISH) ? transactionalOut : plainOut).add(conn);
            AddressTemplate template = parse(address, c, where, "@Outgoing");
            if (template == null) {
                continue;
            }
            if (template.isPattern()) {
                problems.add("TRB-CDI011", where, "@Outgoing address '" + address + "' contains a wildcard or {parameter}: "
                        + "a result cannot be published to a pattern", "use a concrete address (or remap it with tributary.channels."
                        + channel + ".address)");
                continue;
            }
            if (codec == null || noResult) {
                continue;
            }
            outPaths.add(new PublishPath(c, new DestinationSpec(channel, template, config.channelOptions(channel),
                    List.of(m.getAnnotations())), codecs.encoder(codec, resultType), concat(connectorMiddlewares(conn), classMw, methodMw)));
            outAddresses.add(template.subscribeAddress());
        }

        TransactionRunner transaction = transactionalOut.isEmpty() ? null
                : transactionGuards(m, beanClass, where, incomings, prefix, router, transactionalOut, plainOut, ret);

        // filter
        FilterMatcher filter = null;
        Filter f = m.getAnnotation(Filter.class);
        if (f != null) {
            MessageFilter custom = null;
            if (f.value() != MessageFilter.class) {
                custom = instances.obtain(f.value());
                if (custom == null) {
                    unusableClass(where, f.value(), "@Filter predicate");
                }
            }
            filter = new FilterMatcher(f.order(), f.headers(), f.contentType(), f.bodyType(), custom);
        }

        // incomings
        for (Incoming inc : incomings) {
            String channel = prefix + inc.value();
            String address = config.channel(channel, "address").orElse(channel);
            String conn = connectors.resolve(where, channel, problems, config.channel(channel, "connector").orElse(null),
                    inc.connector(), router != null ? router.connector() : null);
            Codec codec = codec(inc.codec(), where);
            if (conn == null) {
                continue;
            }
            Connector c = connectors.get(conn);
            AddressTemplate template = parse(address, c, where, "@Incoming");
            if (template != null) {
                for (String name : pathParams) {
                    if (!template.params().contains(name)) {
                        problems.add("TRB-CDI007", where, "@PathParam(\"" + name + "\") is not a parameter of the address '"
                                + address + "' (its parameters: " + template.params() + ")",
                                "write {" + name + "} as a whole level of the address, or fix the name");
                    }
                }
            }
            for (Class<?> meta : metadataParams) {
                if (c.metadataTypes().stream().noneMatch(meta::isAssignableFrom)) {
                    problems.add("TRB-CDI006", where, "parameter type " + meta.getName() + " is not offered by connector '"
                            + conn + "' (" + c.type() + "; it offers " + c.metadataTypes().stream().map(Class::getName).toList()
                            + ")", "remove the parameter or consume from a connector of the matching type");
                }
            }
            AckPolicy policy = ackPolicy(channel, conn, inc.ackPolicy(), router, where);
            int workers = positive(channel, "max-workers", inc.maxWorkers(), router != null ? router.maxWorkers() : 0, 1, where);
            int inFlight = positive(channel, "max-in-flight", inc.maxInFlight(), 0, DEFAULT_MAX_IN_FLIGHT, where);
            int batchSize = positive(channel, "batch-size", inc.batchSize(), 0, 0, where);
            Duration batchWait = batchSize == 0 ? null : batchWait(channel, inc.batchWait(), where);
            Type elementType = batchSize == 0 ? null : batchElement(where, bodyType, params.length, filter);
            if (batchSize > 0) {
                inFlight = Math.max(inFlight, 2 * batchSize);
            }
            if (template == null || codec == null || (batchSize > 0 && elementType == null)) {
                continue;
            }
            Codec.Decoder<?> decoder = batchSize > 0 ? codecs.decoder(codec, elementType)
                    : decodeType == null ? null : codecs.decoder(codec, decodeType);
            Middleware[] consumeMw = concat(connectorMiddlewares(conn), classMw, methodMw);
            PublishPath reply = noResult ? null : new PublishPath(c, new DestinationSpec(channel, template, Map.of(),
                    List.of(m.getAnnotations())), codecs.encoder(codec, resultType), consumeMw);
            boolean propagate = config.channel(channel, "propagate-headers").map(v -> Boolean.parseBoolean(v.trim()))
                    .orElse(inc.propagateHeaders());
            ResultRoute results = noResult ? null : new ResultRoute(outPaths.toArray(new PublishPath[0]),
                    outAddresses.toArray(new String[0]), reply, propagate);
            Handler handler = new Handler(beanClass, m, decoder, filter, consumeMw, results, target, transaction);
            String key = conn + "\n" + address;
            int finalInFlight = inFlight;
            SubscriptionPlan plan = subscriptions.computeIfAbsent(key, k -> new SubscriptionPlan(conn, c, channel,
                    template, policy, workers, finalInFlight, config.channelOptions(channel), List.of(m.getAnnotations()),
                    batchSize, batchWait));
            if (plan.batchSize != batchSize) {
                problems.add("TRB-CDI018", where, "handlers sharing the subscription '" + address + "' on connector '" + conn
                        + "' disagree on batch consumption (batch size " + plan.batchSize + " and " + batchSize + ")",
                        "give them the same batchSize, or subscribe them to different addresses");
            }
            plan.handlers.add(handler);
        }
        bindings.add(Map.entry(hm.bean(), target));
    }

    /** The element type of a batch handler's {@code List<T>} body; {@code null} (and a problem) when the shape is wrong. */
    private Type batchElement(String where, Type bodyType, int paramCount, FilterMatcher filter) {
        Class<?> raw = bodyType == null ? null : rawType(bodyType);
        if (raw != List.class && raw != java.util.Collection.class) {
            problems.add("TRB-CDI018", where, "a batch handler (batchSize > 0) takes its messages as one List<T> body "
                    + "parameter; found " + (bodyType == null ? "none" : bodyType.getTypeName()),
                    "declare the body parameter as List<T>, or remove batchSize");
            return null;
        }
        if (paramCount != 1 || filter != null) {
            problems.add("TRB-CDI018", where, "a batch handler takes exactly one List<T> parameter and no @Filter "
                    + "(headers, path parameters, Message and metadata belong to single messages)",
                    "remove the other parameters and @Filter, or consume one message at a time");
            return null;
        }
        Type element = typeArgument(bodyType, 0);
        return element == null ? Object.class : element;
    }

    private Duration batchWait(String channel, String annotated, String where) {
        String key = RuntimeConfig.CHANNELS + channel + ".batch-wait";
        String v = config.channel(channel, "batch-wait").orElse(annotated);
        if (v == null || v.isBlank()) {
            return Duration.ofMillis(100);
        }
        try {
            Duration d = dev.tributary.spi.ConnectorConfig.parseDuration(key, v);
            if (!d.isNegative() && !d.isZero()) {
                return d;
            }
        } catch (RuntimeException e) {
            // reported below
        }
        problems.add("TRB-CDI014", where, key + " / batchWait = '" + v + "' is not a positive duration",
                "write it like 100ms or 2s");
        return Duration.ofMillis(100);
    }

    /**
     * A handler whose result goes to a {@link Capability#TRANSACTIONAL_PUBLISH} connector (an outbox): the
     * result is written in a JTA transaction together with the handler's own work, so it must not also go to
     * a non-transactional broker, must be returned synchronously, and a handler consuming a non-transactional
     * broker must declare {@code @Transactional} (the consume → write → outbox pattern).
     */
    private TransactionRunner transactionGuards(Method m, Class<?> beanClass, String where, Incoming[] incomings,
            String prefix, Router router, List<String> transactionalOut, List<String> plainOut, Type ret) {
        boolean ok = true;
        if (!plainOut.isEmpty()) {
            problems.add("TRB-CDI016", where, "the result goes both to the transactional connector(s) " + transactionalOut
                    + " and to the non-transactional " + plainOut + ": one part would commit with the database and the"
                    + " other not", "publish to one kind only; relay the outbox rows to the broker with a separate "
                    + "@Incoming(connector = \"<outbox>\") handler");
            ok = false;
        }
        if (rawType(ret) == CompletionStage.class || rawType(ret) == java.util.concurrent.CompletableFuture.class) {
            problems.add("TRB-CDI017", where, "the method returns " + ret.getTypeName() + " but its result is written to "
                    + transactionalOut + " inside the handler's transaction, which ends when the method returns",
                    "return the value itself");
            ok = false;
        }
        boolean foreignIncoming = false;
        for (Incoming inc : incomings) {
            String channel = prefix + inc.value();
            String conn = connectors.resolve(where, channel, new Problems(), config.channel(channel, "connector").orElse(null),
                    inc.connector(), router != null ? router.connector() : null);
            if (conn != null && !connectors.get(conn).capabilities().contains(Capability.TRANSACTIONAL_PUBLISH)) {
                foreignIncoming = true;
            }
        }
        if (foreignIncoming && !transactional(m) && !transactional(beanClass)) {
            problems.add("TRB-CDI017", where, "the method consumes a broker and writes its result to " + transactionalOut
                    + " but does not run in a JTA transaction", "annotate the method or its class with "
                    + "@jakarta.transaction.Transactional: the handler's work and the outbox row then commit together");
            ok = false;
        }
        TransactionRunner runner = instances.obtain(TransactionRunner.class);
        if (runner == null) {
            problems.add("TRB-CDI017", where, "the result goes to " + transactionalOut + " but no "
                    + TransactionRunner.class.getName() + " bean is deployed", "add the outbox module (tributary-outbox-jpa) "
                    + "and a JTA implementation to the application");
            ok = false;
        }
        return ok ? runner : null;
    }

    private static boolean transactional(java.lang.reflect.AnnotatedElement e) {
        for (Annotation a : e.getAnnotations()) {
            if (a.annotationType().getName().equals("jakarta.transaction.Transactional")) {
                return true;
            }
        }
        return false;
    }

    // ---------------------------------------------------------------- channels

    void channel(ChannelPoint point) {
        channels.computeIfAbsent(point.name(), k -> new ArrayList<>()).add(point);
    }

    /** Validates what can only be judged on the whole graph and builds the publishers. */
    void finish() {
        for (SubscriptionPlan plan : subscriptions.values()) {
            List<String> fallbacks = plan.handlers.stream().filter(h -> h.filter == null).map(Handler::describe).toList();
            if (fallbacks.size() > 1) {
                problems.add("TRB-CDI012", fallbacks.get(0), "several handlers without @Filter share the subscription '"
                        + plan.template.raw() + "' on connector '" + plan.connectorName + "': " + fallbacks
                        + " (a message would go to exactly one of them)",
                        "give all but one of them a @Filter, or subscribe them to different addresses");
            }
        }
        channels.forEach((name, points) -> {
            ChannelPoint first = points.get(0);
            String conn = connectors.resolve(first.where(), name, problems, config.channel(name, "connector").orElse(null),
                    points.stream().map(ChannelPoint::connector).filter(s -> !s.isBlank()).findFirst().orElse(null));
            if (conn == null) {
                return;
            }
            Connector c = connectors.get(conn);
            String address = config.channel(name, "address").orElse(name);
            AddressTemplate template = parse(address, c, first.where(), "@Channel");
            if (template == null) {
                return;
            }
            if (hasWildcard(template)) {
                problems.add("TRB-CDI011", first.where(), "@Channel address '" + address + "' contains a wildcard: "
                        + "one cannot publish to a pattern", "use a concrete address, or {name} levels filled per publish "
                                + "with PublishOptions.pathParam");
                return;
            }
            Set<Type> elementTypes = new LinkedHashSet<>();
            points.forEach(p -> elementTypes.add(p.elementType()));
            Type encodeType = elementTypes.size() == 1 ? elementTypes.iterator().next() : Object.class;
            Codec codec = codec(Codec.class, first.where());
            if (codec == null) {
                return;
            }
            PublishPath path = new PublishPath(c, new DestinationSpec(name, template, config.channelOptions(name), List.of()),
                    codecs.encoder(codec, encodeType), connectorMiddlewares(conn));
            publishers.put(name, new ChannelPublisher(name, template, path, codecs, codec));
        });
    }

    // ---------------------------------------------------------------- helpers

    private AddressTemplate parse(String address, Connector c, String where, String what) {
        try {
            return AddressTemplate.parse(address, c.addressSyntax());
        } catch (TributaryException e) {
            String code = "TRB-ADR002".equals(e.code()) ? "TRB-CDI009" : "TRB-CDI008";
            String fix = "TRB-ADR002".equals(e.code()) ? "give each {name} level its own name"
                    : "make each {name} fill a whole level (between '" + c.addressSyntax().separator() + "' separators)";
            problems.add(code, where, what + " address '" + address + "' is invalid for connector '" + c.name() + "' ("
                    + e.getMessage() + ")", fix);
            return null;
        }
    }

    static boolean hasWildcard(AddressTemplate t) {
        if (!t.isPattern()) {
            return false;
        }
        Map<String, String> values = new HashMap<>();
        t.params().forEach(p -> values.put(p, "x"));
        try {
            t.fill(values);
            return false;
        } catch (TributaryException e) {
            return true;
        }
    }

    private Codec codec(Class<? extends Codec> type, String where) {
        try {
            Codec c = codecs.codec(type);
            if (c == null) {
                unusableClass(where, type, "codec");
            }
            return c;
        } catch (RuntimeException | LinkageError e) {
            problems.add("TRB-CDI013", where, "the codec " + type.getName() + " cannot be created: " + e,
                    "put the default codec's JSON-B implementation (e.g. Yasson) on the class path, or choose a codec");
            return null;
        }
    }

    private void unusableClass(String where, Class<?> type, String role) {
        problems.add("TRB-CDI013", where, "the " + role + " " + type.getName()
                + " is neither a CDI bean nor has a public no-argument constructor",
                "make it a bean (e.g. @ApplicationScoped) or give it a public no-argument constructor");
    }

    private Middleware[] middlewares(UseMiddleware use, String where) {
        if (use == null) {
            return new Middleware[0];
        }
        List<Middleware> out = new ArrayList<>();
        for (Class<? extends Middleware> type : use.value()) {
            Middleware mw = instances.obtain(type);
            if (mw == null) {
                unusableClass(where, type, "middleware");
            } else {
                out.add(mw);
            }
        }
        return out.toArray(new Middleware[0]);
    }

    Middleware[] connectorMiddlewares(String conn) {
        Middleware[] cached = connectorMiddlewares.get(conn);
        if (cached != null) {
            return cached;
        }
        List<Middleware> out = new ArrayList<>();
        String key = RuntimeConfig.CONNECTORS + conn + ".middlewares";
        for (String name : config.get(key).map(v -> v.split(",")).orElse(new String[0])) {
            String cls = name.trim();
            if (cls.isEmpty()) {
                continue;
            }
            String where = "configuration " + key;
            try {
                Class<?> type = Class.forName(cls, true, classLoader());
                if (!Middleware.class.isAssignableFrom(type)) {
                    problems.add("TRB-CDI013", where, cls + " does not implement dev.tributary.Middleware",
                            "list Middleware implementations only");
                    continue;
                }
                Middleware mw = (Middleware) instances.obtain(type);
                if (mw == null) {
                    unusableClass(where, type, "middleware");
                } else {
                    out.add(mw);
                }
            } catch (ClassNotFoundException | LinkageError e) {
                problems.add("TRB-CDI013", where, "middleware class " + cls + " not found", "fix the class name");
            }
        }
        Middleware[] result = out.toArray(new Middleware[0]);
        connectorMiddlewares.put(conn, result);
        return result;
    }

    private static ClassLoader classLoader() {
        ClassLoader tccl = Thread.currentThread().getContextClassLoader();
        return tccl != null ? tccl : DeploymentPlanner.class.getClassLoader();
    }

    private AckPolicy ackPolicy(String channel, String conn, AckPolicy annotated, Router router, String where) {
        Optional<String> configured = config.channel(channel, "ack-policy");
        if (configured.isPresent()) {
            AckPolicy p = parsePolicy(configured.get(), RuntimeConfig.CHANNELS + channel + ".ack-policy", where);
            if (p != null) {
                return p;
            }
        }
        if (annotated != AckPolicy.INHERIT) {
            return annotated;
        }
        if (router != null && router.ackPolicy() != AckPolicy.INHERIT) {
            return router.ackPolicy();
        }
        String key = RuntimeConfig.CONNECTORS + conn + ".ack-policy";
        AckPolicy p = config.get(key).map(v -> parsePolicy(v, key, where)).orElse(null);
        return p != null ? p : connectors.get(conn).defaultAckPolicy();
    }

    private AckPolicy parsePolicy(String value, String key, String where) {
        try {
            AckPolicy p = AckPolicy.valueOf(value.trim().toUpperCase(java.util.Locale.ROOT).replace('-', '_'));
            if (p != AckPolicy.INHERIT) {
                return p;
            }
        } catch (IllegalArgumentException e) {
            // reported below
        }
        problems.add("TRB-CDI014", where, key + " = '" + value + "' is not an acknowledgement policy",
                "use one of ack-first, ack, reject-on-error, nack-on-error, manual");
        return null;
    }

    private int positive(String channel, String key, int annotated, int router, int dflt, String where) {
        Optional<String> configured = config.channel(channel, key);
        if (configured.isPresent()) {
            try {
                int v = Integer.parseInt(configured.get());
                if (v >= 1) {
                    return v;
                }
            } catch (NumberFormatException e) {
                // reported below
            }
            problems.add("TRB-CDI014", where, RuntimeConfig.CHANNELS + channel + "." + key + " = '" + configured.get()
                    + "' is not a positive integer", "set a whole number of at least 1");
            return dflt;
        }
        if (annotated < 0) {
            problems.add("TRB-CDI014", where, key + " = " + annotated + " is negative", "use 0 (default) or a positive number");
            return dflt;
        }
        return annotated > 0 ? annotated : router > 0 ? router : dflt;
    }

    private boolean isMetadataType(Class<?> raw) {
        if (raw == Object.class || raw.isPrimitive() || raw.isArray()) {
            return false;
        }
        for (Connector c : connectors.all().values()) {
            for (Class<?> mt : c.metadataTypes()) {
                if (raw.isAssignableFrom(mt)) {
                    return true;
                }
            }
        }
        // A metadata type of a connector that is not configured: still a metadata parameter (reported as CDI006).
        return raw.getSimpleName().endsWith("Metadata") && !raw.getName().startsWith("java.");
    }

    /** The type of the published result, or {@code null} when the method produces none. */
    static Type resultType(Type ret) {
        if (ret == void.class || ret == Void.class) {
            return null;
        }
        Class<?> raw = rawType(ret);
        if (CompletionStage.class.isAssignableFrom(raw)) {
            return resultType(typeArgument(ret, 0));
        }
        if (raw == Response.class) {
            Type inner = typeArgument(ret, 0);
            return inner == Void.class ? Object.class : inner;
        }
        return ret;
    }

    static Class<?> rawType(Type t) {
        if (t instanceof Class<?> c) {
            return c;
        }
        if (t instanceof ParameterizedType p) {
            return (Class<?>) p.getRawType();
        }
        return Object.class;
    }

    static Type typeArgument(Type t, int i) {
        if (t instanceof ParameterizedType p) {
            Type a = p.getActualTypeArguments()[i];
            if (a instanceof WildcardType w) {
                Type[] upper = w.getUpperBounds();
                return upper.length > 0 ? upper[0] : Object.class;
            }
            return a instanceof Class<?> || a instanceof ParameterizedType ? a : Object.class;
        }
        return Object.class;
    }

    private static Middleware[] concat(Middleware[]... parts) {
        int n = 0;
        for (Middleware[] p : parts) {
            n += p.length;
        }
        Middleware[] out = new Middleware[n];
        int i = 0;
        for (Middleware[] p : parts) {
            System.arraycopy(p, 0, out, i, p.length);
            i += p.length;
        }
        return out;
    }

    static String list(Object[] values) {
        return Arrays.toString(values);
    }
}
