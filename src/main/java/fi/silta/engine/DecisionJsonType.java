package fi.silta.engine;

import org.camunda.bpm.dmn.engine.DmnEngineConfiguration;
import org.camunda.bpm.dmn.engine.impl.DefaultDmnEngineConfiguration;
import org.camunda.bpm.dmn.engine.impl.spi.type.DmnDataTypeTransformer;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.variable.Variables;
import org.camunda.bpm.engine.variable.value.TypedValue;
import org.camunda.spin.plugin.variable.SpinValues;
import org.camunda.spin.json.SpinJsonNode;
import org.springframework.stereotype.Component;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Adds the DMN type {@code json} for a decision whose result is a list or a context.
 *
 * <p>Without it, the engine records such a result in history as a Java-serialized object of
 * the FEEL engine's internal (shaded Scala) collection classes: unreadable in Cockpit and
 * tied to the FEEL engine's version. With {@code typeRef="json"} the result is a Spin JSON
 * value instead: Cockpit shows it as JSON, a decision that requires it reads it as a FEEL
 * list or context again (Spin's FEEL value mapper), and the caller receives it as JSON text.
 * FEEL numbers arrive here as {@code Long} (whole) or {@code Double}; they are written with
 * the shortest decimal text that gives back the same double.
 */
@Component
public class DecisionJsonType extends AbstractProcessEnginePlugin {

    public static final String TYPE = "json";

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        DefaultDmnEngineConfiguration dmn = configuration.getDmnEngineConfiguration();
        if (dmn == null) {
            dmn = (DefaultDmnEngineConfiguration) DmnEngineConfiguration.createDefaultDmnEngineConfiguration();
            configuration.setDmnEngineConfiguration(dmn);
        }
        dmn.getTransformer().getDataTypeTransformerRegistry().addTransformer(TYPE, new Transformer());
    }

    /** FEEL result (a java.util.List or Map of Long, Double, String, Boolean, ...) → Spin JSON value. */
    static final class Transformer implements DmnDataTypeTransformer {

        private static final ObjectMapper JSON = new ObjectMapper();

        @Override
        public TypedValue transform(Object value) {
            if (value == null) {
                return Variables.untypedNullValue();
            }
            if (value instanceof SpinJsonNode node) {
                return SpinValues.jsonValue(node).create();
            }
            try {
                return SpinValues.jsonValue(JSON.writeValueAsString(value)).create();
            } catch (JsonProcessingException e) {
                throw new IllegalArgumentException("cannot write the decision result as JSON: " + value, e);
            }
        }
    }
}
