package io.tmkit.contract;

import java.util.List;

/** One stage of the contract's {@code x-evaluation-order}, with the codes it may answer, in order. */
public record EvaluationStage(String name, List<String> codes) {}
