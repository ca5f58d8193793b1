package io.jparallel.protocol.function;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import io.jparallel.protocol.Message;
import io.jparallel.protocol.MetadataKeys;

/**
 * The parts of an {@code apply_request}, and where they travel: buffer 0 is the function, then one value
 * per {@link GlobalVariable} (named in content {@link MetadataKeys#GLOBALS}), then the arguments (or, for
 * a map, the argument lists). All values are encoded by {@code ValueCodec}.
 *
 * @param function the encoded function
 * @param globals the static fields the function reads, which the engine sets before calling it
 * @param globalValues their encoded values, in the same order
 * @param arguments the encoded arguments
 */
public record ApplyPayload(byte[] function, List<GlobalVariable> globals, List<byte[]> globalValues,
		List<byte[]> arguments) {

	public ApplyPayload {
		Objects.requireNonNull(function, "function must not be null");
		globals = List.copyOf(globals);
		globalValues = List.copyOf(globalValues);
		arguments = List.copyOf(arguments);
		if (globals.size() != globalValues.size()) {
			throw new IllegalArgumentException(globals.size() + " globals but " + globalValues.size() + " values");
		}
	}

	/** A function with the globals it reads, no arguments yet. */
	public static ApplyPayload of(byte[] function, List<GlobalVariable> globals, List<byte[]> globalValues) {
		return new ApplyPayload(function, globals, globalValues, List.of());
	}

	/** This function and its globals with these arguments. */
	public ApplyPayload withArguments(List<byte[]> encodedArguments) {
		return new ApplyPayload(this.function, this.globals, this.globalValues, encodedArguments);
	}

	/** The request's buffers: the function, the globals' values, the arguments. */
	public List<byte[]> buffers() {
		List<byte[]> buffers = new ArrayList<>(1 + this.globalValues.size() + this.arguments.size());
		buffers.add(this.function);
		buffers.addAll(this.globalValues);
		buffers.addAll(this.arguments);
		return buffers;
	}

	/** {@code content} plus {@link MetadataKeys#GLOBALS} when the function reads any. */
	public Map<String, String> content(Map<String, String> content) {
		if (this.globals.isEmpty()) {
			return content;
		}
		Map<String, String> withGlobals = new HashMap<>(content);
		withGlobals.put(MetadataKeys.GLOBALS, GlobalVariable.join(this.globals));
		return withGlobals;
	}

	/**
	 * The parts of a received {@code apply_request}.
	 * @throws IllegalArgumentException if it has no function, or fewer buffers than its globals need
	 */
	public static ApplyPayload from(Message request) {
		List<byte[]> buffers = request.buffers();
		if (buffers.isEmpty()) {
			throw new IllegalArgumentException("apply_request has no function");
		}
		List<GlobalVariable> globals = GlobalVariable.parseAll(request.content(MetadataKeys.GLOBALS));
		if (buffers.size() < 1 + globals.size()) {
			throw new IllegalArgumentException("apply_request names " + globals.size() + " globals but carries "
					+ (buffers.size() - 1) + " values after its function");
		}
		return new ApplyPayload(buffers.get(0), globals, buffers.subList(1, 1 + globals.size()),
				buffers.subList(1 + globals.size(), buffers.size()));
	}

}
