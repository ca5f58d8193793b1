package io.jparallel.protocol.value;

import java.io.Serializable;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.jparallel.protocol.function.Fn2;
import io.jparallel.protocol.function.Invocation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class ValueCodecTests {

	private static final ClassLoader LOADER = ValueCodecTests.class.getClassLoader();

	@Test
	void nullRoundTripsAsOneTagByte() throws Exception {
		byte[] bytes = ValueCodec.encode(null);

		assertThat(bytes).hasSize(1);
		assertThat(ValueCodec.decode(bytes, LOADER)).isNull();
	}

	@Test
	void listsOfIntegersLongsAndDoublesTravelPackedAndComeBackAsMutableLists() throws Exception {
		List<Integer> ints = List.of(1, -2, Integer.MAX_VALUE);
		List<Long> longs = List.of(Long.MIN_VALUE, 0L);
		List<Double> doubles = List.of(Math.PI, Double.NaN);

		byte[] encodedInts = ValueCodec.encode(ints);

		assertThat(encodedInts).hasSize(1 + 3 * 4);
		assertThat(ValueCodec.decode(encodedInts, LOADER)).isEqualTo(ints).isInstanceOf(java.util.ArrayList.class);
		assertThat(ValueCodec.decode(ValueCodec.encode(longs), LOADER)).isEqualTo(longs);
		assertThat(ValueCodec.decode(ValueCodec.encode(doubles), LOADER)).isEqualTo(doubles);
	}

	@Test
	void mixedListsAndListsWithNullsStillRoundTripThroughSerialization() throws Exception {
		List<Object> mixed = List.of(1, 2L, "three");
		List<Integer> withNull = java.util.Arrays.asList(1, null, 3);

		assertThat(ValueCodec.decode(ValueCodec.encode(mixed), LOADER)).isEqualTo(mixed);
		assertThat(ValueCodec.decode(ValueCodec.encode(withNull), LOADER)).isEqualTo(withNull);
	}

	@Test
	void byteArraysRoundTripOnTheFastPath() throws Exception {
		byte[] value = { 0, -1, 127, -128, 42 };

		byte[] bytes = ValueCodec.encode(value);

		assertThat(bytes).hasSize(1 + value.length);
		assertThat((byte[]) ValueCodec.decode(bytes, LOADER)).containsExactly(value);
	}

	@Test
	void doubleArraysRoundTripOnTheFastPath() throws Exception {
		double[] value = { 0.0, -1.5, Math.PI, Double.NaN, Double.MAX_VALUE, Double.NEGATIVE_INFINITY };

		byte[] bytes = ValueCodec.encode(value);

		assertThat(bytes).hasSize(1 + 8 * value.length);
		assertThat((double[]) ValueCodec.decode(bytes, LOADER)).containsExactly(value);
	}

	@Test
	void primitiveArraysTravelAsRawLittleEndianBytesAfterOneTagByte() throws Exception {
		byte[] bytes = ValueCodec.encode(new double[] { 1.0 });

		assertThat(bytes).hasSize(9);
		assertThat(java.nio.ByteBuffer.wrap(bytes, 1, 8).order(java.nio.ByteOrder.LITTLE_ENDIAN).getDouble())
			.isEqualTo(1.0);
	}

	@Test
	void floatShortCharAndBooleanArraysRoundTripWithoutSerialization() throws Exception {
		float[] floats = { 1.5f, -0f, Float.NaN };
		short[] shorts = { 1, -2, Short.MAX_VALUE };
		char[] chars = { 'a', '\u00e9', '\uffff' };
		boolean[] booleans = { true, false, true };

		assertThat(ValueCodec.encode(floats)).hasSize(1 + 4 * floats.length);
		assertThat((float[]) ValueCodec.decode(ValueCodec.encode(floats), LOADER)).containsExactly(floats);
		assertThat((short[]) ValueCodec.decode(ValueCodec.encode(shorts), LOADER)).containsExactly(shorts);
		assertThat((char[]) ValueCodec.decode(ValueCodec.encode(chars), LOADER)).containsExactly(chars);
		assertThat((boolean[]) ValueCodec.decode(ValueCodec.encode(booleans), LOADER)).containsExactly(booleans);
		assertThat(ValueCodec.encode(booleans)).hasSize(4);
	}

	@Test
	void bigEndianArraysOfEarlierVersionsStillDecode() throws Exception {
		java.nio.ByteBuffer old = java.nio.ByteBuffer.allocate(1 + 16).put((byte) 2).putDouble(1.5).putDouble(-2);

		assertThat((double[]) ValueCodec.decode(old.array(), LOADER)).containsExactly(1.5, -2);
	}

	@Test
	void aBulkPlaceholderIsNotAValueAndSaysWhy() {
		byte[] placeholder = ValueCodec.bulkPlaceholder("bulk://127.0.0.1:1/t?size=9");

		assertThat(ValueCodec.isBulkPlaceholder(placeholder)).isTrue();
		assertThat(ValueCodec.isBulkPlaceholder(ValueCodec.encode("x"))).isFalse();
		assertThatExceptionOfType(ValueDecodingException.class).isThrownBy(() -> ValueCodec.decode(placeholder, LOADER))
			.withMessageContaining("bulk path")
			.withMessageContaining("bulk://127.0.0.1:1/t?size=9");
	}

	@Test
	void intArraysRoundTripOnTheFastPath() throws Exception {
		int[] value = { 0, 1, -1, Integer.MIN_VALUE, Integer.MAX_VALUE };

		byte[] bytes = ValueCodec.encode(value);

		assertThat(bytes).hasSize(1 + 4 * value.length);
		assertThat((int[]) ValueCodec.decode(bytes, LOADER)).containsExactly(value);
	}

	@Test
	void longArraysRoundTripOnTheFastPath() throws Exception {
		long[] value = { 0L, -1L, Long.MIN_VALUE, Long.MAX_VALUE };

		byte[] bytes = ValueCodec.encode(value);

		assertThat(bytes).hasSize(1 + 8 * value.length);
		assertThat((long[]) ValueCodec.decode(bytes, LOADER)).containsExactly(value);
	}

	@Test
	void emptyPrimitiveArraysRoundTrip() throws Exception {
		assertThat((double[]) ValueCodec.decode(ValueCodec.encode(new double[0]), LOADER)).isEmpty();
		assertThat((int[]) ValueCodec.decode(ValueCodec.encode(new int[0]), LOADER)).isEmpty();
		assertThat((long[]) ValueCodec.decode(ValueCodec.encode(new long[0]), LOADER)).isEmpty();
		assertThat((byte[]) ValueCodec.decode(ValueCodec.encode(new byte[0]), LOADER)).isEmpty();
	}

	@Test
	void stringsRoundTripAsUtf8() throws Exception {
		String value = "héllo, 世界 🚀";

		byte[] bytes = ValueCodec.encode(value);

		assertThat(bytes).hasSize(1 + value.getBytes(java.nio.charset.StandardCharsets.UTF_8).length);
		assertThat(ValueCodec.decode(bytes, LOADER)).isEqualTo(value);
		assertThat(ValueCodec.decode(ValueCodec.encode(""), LOADER)).isEqualTo("");
	}

	@Test
	void boxedNumbersAndBooleansRoundTripWithTheirType() throws Exception {
		assertThat(ValueCodec.decode(ValueCodec.encode(Integer.MIN_VALUE), LOADER)).isEqualTo(Integer.MIN_VALUE);
		assertThat(ValueCodec.decode(ValueCodec.encode(Long.MAX_VALUE), LOADER)).isEqualTo(Long.MAX_VALUE);
		assertThat(ValueCodec.decode(ValueCodec.encode(-2.5d), LOADER)).isEqualTo(-2.5d);
		assertThat(ValueCodec.decode(ValueCodec.encode(Boolean.TRUE), LOADER)).isEqualTo(Boolean.TRUE);
		assertThat(ValueCodec.decode(ValueCodec.encode(Boolean.FALSE), LOADER)).isEqualTo(Boolean.FALSE);

		assertThat(ValueCodec.encode(42)).hasSize(5);
		assertThat(ValueCodec.encode(42L)).hasSize(9);
		assertThat(ValueCodec.encode(42d)).hasSize(9);
		assertThat(ValueCodec.encode(true)).hasSize(2);
	}

	@Test
	void aSerializableRecordRoundTripsThroughJavaSerialization() throws Exception {
		Point value = new Point(3, "three", List.of(1.0, 2.0));

		Object decoded = ValueCodec.decode(ValueCodec.encode(value), LOADER);

		assertThat(decoded).isInstanceOf(Point.class).isEqualTo(value).isNotSameAs(value);
	}

	@Test
	void aListOfMixedValuesRoundTripsThroughJavaSerialization() throws Exception {
		List<Object> value = List.of(1, "two", 3.0, List.of(4L), new Point(5, "five", List.of()));

		assertThat(ValueCodec.decode(ValueCodec.encode(value), LOADER)).isEqualTo(value);
	}

	@Test
	void aSerializableLambdaRoundTripsAndCanBeInvoked() throws Exception {
		int offset = 100;
		Fn2<Integer, Integer, Integer> addPlusOffset = (a, b) -> a + b + offset;

		Object decoded = ValueCodec.decode(ValueCodec.encode(addPlusOffset), LOADER);

		assertThat(decoded).isInstanceOf(Fn2.class).isNotSameAs(addPlusOffset);
		assertThat(Invocation.arity(decoded)).isEqualTo(2);
		assertThat(Invocation.invoke(decoded, List.of(2, 3))).isEqualTo(105);
	}

	@Test
	void aLambdaThatCapturesNothingTravelsAsItsNamesAndASecondDecodingGivesAnEqualFunction() throws Exception {
		Fn2<Integer, Integer, Integer> mul = (a, b) -> a * b;
		Fn2<Integer, Integer, Integer> max = Math::max;

		byte[] encoded = ValueCodec.encode(mul);

		assertThat(encoded[0]).isEqualTo(LambdaCodec.TAG);
		// what is left out: SerializedLambda's class description, its fields' names and types (about 400 bytes)
		assertThat(encoded.length).as("Java serialization: %s bytes", javaSerialized(mul).length)
			.isLessThan(javaSerialized(mul).length - 350);
		assertThat(Invocation.invoke(ValueCodec.decode(encoded, LOADER), List.of(6, 7))).isEqualTo(42);
		assertThat(Invocation.invoke(ValueCodec.decode(ValueCodec.encode(max), LOADER), List.of(6, 7))).isEqualTo(7);
		assertThat(ValueCodec.encode(mul)).isEqualTo(encoded);
	}

	@Test
	void aLambdaItsClassDoesNotDeclareOrWhoseClassIsMissingIsADecodingError() throws Exception {
		Fn2<Integer, Integer, Integer> mul = (a, b) -> a * b;
		String text = new String(ValueCodec.encode(mul), java.nio.charset.StandardCharsets.ISO_8859_1);
		String implMethod = text.substring(text.indexOf("lambda$"), text.indexOf('$', text.indexOf("lambda$") + 7));
		byte[] forged = text.replace(implMethod, implMethod.replace("lambda$", "lambdaX"))
			.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
		byte[] missing = text.replace("ValueCodecTests", "ValueCodecTestz").getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);

		assertThatExceptionOfType(ValueDecodingException.class).isThrownBy(() -> ValueCodec.decode(forged, LOADER))
			.withMessageContaining("Invalid lambda deserialization");
		assertThatExceptionOfType(ValueDecodingException.class).isThrownBy(() -> ValueCodec.decode(missing, LOADER))
			.withMessageContaining("class not found: io.jparallel.protocol.value.ValueCodecTestz");
		assertThatExceptionOfType(ValueDecodingException.class)
			.isThrownBy(() -> ValueCodec.decode(java.util.Arrays.copyOf(ValueCodec.encode(mul), 40), LOADER));
	}

	private static byte[] javaSerialized(Object value) throws Exception {
		java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
		try (java.io.ObjectOutputStream out = new java.io.ObjectOutputStream(bytes)) {
			out.writeObject(value);
		}
		return bytes.toByteArray();
	}

	@Test
	void aValueThatIsNotSerializableIsRefusedNamingItsClass() {
		Object value = new NotSerializable();

		assertThatIllegalArgumentException().isThrownBy(() -> ValueCodec.encode(value))
			.withMessageContaining(NotSerializable.class.getName())
			.withMessageContaining("not Serializable");
	}

	@Test
	void aSerializableValueHoldingSomethingThatIsNotIsRefusedNamingTheCulprit() {
		Holder value = new Holder(new NotSerializable());

		assertThatIllegalArgumentException().isThrownBy(() -> ValueCodec.encode(value))
			.withMessageContaining(Holder.class.getName())
			.withMessageContaining(NotSerializable.class.getName());
	}

	@Test
	void anUnknownTagIsADecodingError() {
		assertThatExceptionOfType(ValueDecodingException.class)
			.isThrownBy(() -> ValueCodec.decode(new byte[] { 42, 1, 2 }, LOADER))
			.withMessageContaining("unknown value tag 42");
	}

	@Test
	void noBytesIsADecodingError() {
		assertThatExceptionOfType(ValueDecodingException.class).isThrownBy(() -> ValueCodec.decode(new byte[0], LOADER))
			.withMessageContaining("empty");
	}

	@Test
	void corruptSerializedBytesAreADecodingError() {
		byte[] bytes = ValueCodec.encode(new Point(1, "x", List.of()));
		byte[] corrupt = java.util.Arrays.copyOf(bytes, bytes.length / 2);

		assertThatExceptionOfType(ValueDecodingException.class).isThrownBy(() -> ValueCodec.decode(corrupt, LOADER));
	}

	@Test
	void classesOfASerializedValueAreResolvedThroughTheGivenLoader() throws Exception {
		byte[] bytes = ValueCodec.encode(new Point(1, "x", List.of()));
		List<String> asked = new java.util.concurrent.CopyOnWriteArrayList<>();
		ClassLoader recording = new ClassLoader(LOADER) {
			@Override
			protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
				asked.add(name);
				return super.loadClass(name, resolve);
			}
		};

		Object decoded = ValueCodec.decode(bytes, recording);

		assertThat(decoded).isEqualTo(new Point(1, "x", List.of()));
		assertThat(asked).contains(Point.class.getName());
	}

	record Point(int x, String name, List<Double> values) implements Serializable {
	}

	record Holder(Object value) implements Serializable {
	}

	static final class NotSerializable {
	}

	@Test
	void arrayDecodersFillEachPrimitiveArrayFromPiecesOfAnySize() throws Exception {
		List<Object> arrays = List.of(new double[] { 1.5, -2.25, Double.NaN }, new long[] { Long.MIN_VALUE, 7, -1 },
				new int[] { 1, -2, Integer.MAX_VALUE }, new float[] { 0.5f, -3f }, new short[] { 1, -2, 3 },
				new char[] { 'a', '\u00e9', '\uffff' });
		for (Object array : arrays) {
			byte[] encoded = ValueCodec.encode(array);
			ArrayStreamDecoder decoder = ValueCodec.arrayDecoder(encoded[0], encoded.length - 1);
			for (int from = 1; from < encoded.length; from += 3) {
				decoder.accept(encoded, from, Math.min(3, encoded.length - from));
			}
			assertThat(decoder.value()).as(array.getClass().getSimpleName())
				.isEqualTo(ValueCodec.decode(encoded, getClass().getClassLoader()));
		}
	}

	@Test
	void onlyWholeLittleEndianArraysGetADecoderAndItTakesNoMoreThanItsElements() {
		assertThat(ValueCodec.arrayDecoder(ValueCodec.encode("text")[0], 4)).isNull();
		assertThat(ValueCodec.arrayDecoder(ValueCodec.encode(new boolean[2])[0], 2)).isNull();
		byte doubles = ValueCodec.encode(new double[1])[0];
		assertThat(ValueCodec.arrayDecoder(doubles, 12)).isNull();
		ArrayStreamDecoder decoder = ValueCodec.arrayDecoder(doubles, 16);
		decoder.accept(new byte[12], 0, 12);
		assertThatExceptionOfType(IllegalStateException.class).isThrownBy(decoder::value)
			.withMessageContaining("1 of its 2 elements");
		assertThatExceptionOfType(IllegalStateException.class).isThrownBy(() -> decoder.accept(new byte[8], 0, 8))
			.withMessageContaining("more bytes than the 2 elements");
	}

}
