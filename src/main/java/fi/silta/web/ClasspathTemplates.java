package fi.silta.web;

import org.springframework.context.MessageSource;
import org.thymeleaf.spring6.SpringTemplateEngine;
import org.thymeleaf.templatemode.TemplateMode;
import org.thymeleaf.templateresolver.ClassLoaderTemplateResolver;

/** A Thymeleaf engine of its own for templates that are not pages (mails, documents), words from the bundles. */
public final class ClasspathTemplates {

    private ClasspathTemplates() {
    }

    /** Templates {@code prefix + name + suffix} from the classpath, UTF-8; a missing template is an error. */
    public static SpringTemplateEngine engine(String prefix, String suffix, TemplateMode mode, MessageSource messages) {
        ClassLoaderTemplateResolver resolver = new ClassLoaderTemplateResolver();
        resolver.setPrefix(prefix);
        resolver.setSuffix(suffix);
        resolver.setTemplateMode(mode);
        resolver.setCharacterEncoding("UTF-8");
        resolver.setCheckExistence(true);
        SpringTemplateEngine engine = new SpringTemplateEngine();
        engine.setTemplateResolver(resolver);
        if (messages != null) {
            engine.setTemplateEngineMessageSource(messages);
        }
        return engine;
    }
}
